package dev.rwsh.shell.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A table one field per line, as psql's expanded mode ({@code \x}) draws it: a {@code -[ RECORD n ]-}
 * line per row, then {@code column | value} lines; values wrap within the width.
 */
final class ExpandedTable {
    /** The narrowest value column worth drawing: below it labels are cut instead. */
    private static final int MIN_VALUE_WIDTH = 10;

    private ExpandedTable() {
    }

    /** The lines of the table; {@code maxWidth} 0 or less means no limit. */
    static List<String> render(List<String> columns, List<? extends List<?>> rows, int maxWidth) {
        int labelWidth = 0;
        for (String column : columns) {
            labelWidth = Math.max(labelWidth, CellText.width(column));
        }
        int valueWidth = 0;
        for (List<?> row : rows) {
            for (Object cell : row) {
                valueWidth = Math.max(valueWidth, CellText.naturalWidth(OutputRenderer.cell(cell)));
            }
        }
        if (maxWidth > 0) {
            labelWidth = Math.min(labelWidth, Math.max(1, maxWidth - 3 - MIN_VALUE_WIDTH));
            valueWidth = Math.min(valueWidth, Math.max(MIN_VALUE_WIDTH, maxWidth - 3 - labelWidth));
        }
        int lineWidth = labelWidth + 3 + valueWidth;
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            String header = "-[ RECORD " + (r + 1) + " ]";
            out.add(header + "-".repeat(Math.max(0, lineWidth - CellText.width(header))));
            List<?> row = rows.get(r);
            for (int c = 0; c < columns.size(); c++) {
                String label = CellText.pad(CellText.cut(columns.get(c), labelWidth), labelWidth);
                List<String> lines = CellText.wrap(c < row.size() ? OutputRenderer.cell(row.get(c)) : "", valueWidth);
                for (int i = 0; i < lines.size(); i++) {
                    String value = lines.get(i);
                    out.add(((i == 0 ? label : " ".repeat(labelWidth)) + " | " + value).stripTrailing());
                }
            }
        }
        return out;
    }
}
