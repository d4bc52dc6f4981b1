package dev.rwsh.shell.render;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.WCWidth;

/** The text of one table cell as the terminal shows it: its width in columns, and wrapped to a width. */
final class CellText {
    private CellText() {
    }

    /** A cell's lines, with tabs as one space and carriage returns dropped so that widths are what the screen shows. */
    static List<String> lines(String text) {
        String clean = text.replace("\r", "").replace('\t', ' ');
        return List.of(clean.split("\n", -1));
    }

    /** Terminal columns taken by {@code line} (a wide character takes two, a control character none). */
    static int width(String line) {
        int width = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            width += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return width;
    }

    /** The widest line of a cell. */
    static int naturalWidth(String text) {
        int max = 0;
        for (String line : lines(text)) {
            max = Math.max(max, width(line));
        }
        return max;
    }

    /**
     * {@code text} wrapped to at most {@code width} columns per line: each line is broken after its last
     * space that fits, or hard where a word alone is wider than the column; only a space at a break is dropped.
     */
    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (String line : lines(text)) {
            if (width <= 0) {
                out.add(line);
                continue;
            }
            String rest = line;
            while (width(rest) > width) {
                int fit = prefixFitting(rest, width);
                if (rest.charAt(fit) == ' ') {
                    // the break falls on a space: it ends the line and is not carried to the next
                    out.add(rest.substring(0, fit));
                    rest = rest.substring(fit + 1);
                    continue;
                }
                int space = rest.lastIndexOf(' ', fit - 1);
                int at = space > 0 ? space + 1 : fit;
                out.add(rest.substring(0, at));
                rest = rest.substring(at);
            }
            out.add(rest);
        }
        return out;
    }

    /** {@code line} cut to {@code width} columns, ending in an ellipsis when something was cut. */
    static String cut(String line, int width) {
        if (width(line) <= width) {
            return line;
        }
        if (width < 1) {
            return "";
        }
        return line.substring(0, prefixFitting(line, width - 1)) + "…";
    }

    /** The number of chars of {@code line} that fit in {@code width} columns (at least one code point). */
    private static int prefixFitting(String line, int width) {
        int used = 0;
        int i = 0;
        while (i < line.length()) {
            int cp = line.codePointAt(i);
            int w = Math.max(0, WCWidth.wcwidth(cp));
            if (used + w > width) {
                break;
            }
            used += w;
            i += Character.charCount(cp);
        }
        return i == 0 && !line.isEmpty() ? Character.charCount(line.codePointAt(0)) : i;
    }

    /** {@code line} followed by spaces up to {@code width} columns. */
    static String pad(String line, int width) {
        int missing = width - width(line);
        return missing <= 0 ? line : line + " ".repeat(missing);
    }
}
