package dev.rwsh.shell.render;

/** How many screen lines a text takes on a terminal of a given width (a long line wraps onto several). */
final class ScreenLines {
    private ScreenLines() {
    }

    static int count(String text, int width) {
        if (text.isEmpty()) {
            return 0;
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        int lines = 0;
        for (String line : body.split("\n", -1)) {
            int w = CellText.width(line);
            lines += width <= 0 || w == 0 ? 1 : (w + width - 1) / width;
        }
        return lines;
    }
}
