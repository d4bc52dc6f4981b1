package dev.rwsh.commands.result;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A titled table of rows; the title may be null. Cells are rendered with {@code String.valueOf}. */
public record TableView(String title, List<String> columns, List<List<Object>> rows) {

    public TableView {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** A one-line message shown with a result, such as that a listing was cut by --limit; a plain line in table output. */
    public static TableView message(String text) {
        return builder(null, "message").row(text).build();
    }

    public static Builder builder(String title, String... columns) {
        return new Builder(title, Arrays.asList(columns));
    }

    /** Collects rows in order. */
    public static final class Builder {
        private final String title;
        private final List<String> columns;
        private final List<List<Object>> rows = new ArrayList<>();

        private Builder(String title, List<String> columns) {
            this.title = title;
            this.columns = columns;
        }

        public Builder row(Object... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns.size() + " columns");
            }
            rows.add(Arrays.asList(cells));
            return this;
        }

        public TableView build() {
            return new TableView(title, columns, rows);
        }
    }
}
