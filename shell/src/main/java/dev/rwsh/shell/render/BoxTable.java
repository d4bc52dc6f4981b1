package dev.rwsh.shell.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A table drawn in a box, fitted to a width: when the natural table is wider, columns are narrowed by
 * {@link ColumnFitter} and their cells wrapped inside the column, so every line stays within the width
 * and the box stays intact. The full values are in the json and csv formats.
 */
final class BoxTable {
    private static final int PADDING = 1;

    private BoxTable() {
    }

    /** The width the table takes with every column at its natural width. */
    static int naturalWidth(List<String> columns, List<? extends List<?>> rows) {
        int sum = 0;
        for (int w : naturalWidths(columns, rows)) {
            sum += w;
        }
        return sum + borders(columns.size());
    }

    /** The lines of the table; {@code maxWidth} 0 or less draws it at its natural width. */
    static List<String> render(List<String> columns, List<? extends List<?>> rows, int maxWidth) {
        int[] widths = ColumnFitter.fit(naturalWidths(columns, rows), maxWidth <= 0 ? 0 : maxWidth - borders(columns.size()));
        List<String> out = new ArrayList<>();
        out.add(rule(widths, '┌', '┬', '┐'));
        addRow(out, columns, widths);
        out.add(rule(widths, '├', '┼', '┤'));
        for (List<?> row : rows) {
            addRow(out, row, widths);
        }
        out.add(rule(widths, '└', '┴', '┘'));
        return out;
    }

    /** Every column's padding and the vertical lines between and around them. */
    private static int borders(int columns) {
        return columns * (2 * PADDING + 1) + 1;
    }

    private static int[] naturalWidths(List<String> columns, List<? extends List<?>> rows) {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = CellText.naturalWidth(columns.get(c));
        }
        for (List<?> row : rows) {
            for (int c = 0; c < widths.length && c < row.size(); c++) {
                widths[c] = Math.max(widths[c], CellText.naturalWidth(OutputRenderer.cell(row.get(c))));
            }
        }
        return widths;
    }

    private static void addRow(List<String> out, List<?> cells, int[] widths) {
        List<List<String>> wrapped = new ArrayList<>();
        int height = 1;
        for (int c = 0; c < widths.length; c++) {
            List<String> lines = CellText.wrap(c < cells.size() ? OutputRenderer.cell(cells.get(c)) : "", widths[c]);
            wrapped.add(lines);
            height = Math.max(height, lines.size());
        }
        String pad = " ".repeat(PADDING);
        for (int line = 0; line < height; line++) {
            StringBuilder b = new StringBuilder("│");
            for (int c = 0; c < widths.length; c++) {
                List<String> lines = wrapped.get(c);
                String text = line < lines.size() ? lines.get(line) : "";
                b.append(pad).append(CellText.pad(text, widths[c])).append(pad).append('│');
            }
            out.add(b.toString());
        }
    }

    private static String rule(int[] widths, char left, char middle, char right) {
        StringBuilder b = new StringBuilder().append(left);
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) {
                b.append(middle);
            }
            b.append("─".repeat(widths[c] + 2 * PADDING));
        }
        return b.append(right).toString();
    }
}
