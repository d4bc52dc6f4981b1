package dev.rwsh.commands.migrate.write;

import java.util.ArrayList;
import java.util.List;

/**
 * How one target table's row is built from one source message: each column named beside the value
 * it takes, so a reader (and {@link #checkAgainst}) sees both together instead of counting
 * positions in a long argument list.
 */
final class RowMapper<T> {
    /** A column's value, from the message and the plan it is written under. */
    interface Value<T> {
        Object of(T x, WritePlan plan);
    }

    private final TargetTable table;
    private final List<String> names = new ArrayList<>();
    private final List<Value<T>> values = new ArrayList<>();

    private RowMapper(TargetTable table) {
        this.table = table;
    }

    static <T> RowMapper<T> of(TargetTable table) {
        return new RowMapper<>(table);
    }

    RowMapper<T> column(String name, Value<T> value) {
        names.add(name);
        values.add(value);
        return this;
    }

    /** Ends the declaration: the columns must be the table's, in its order. */
    RowMapper<T> checkAgainst() {
        List<String> declared = table.columns().stream().map(TargetTable.Column::name).toList();
        if (!declared.equals(names)) {
            throw new IllegalStateException(table.name() + ": row mapper columns " + names + " are not the table's " + declared);
        }
        return this;
    }

    Object[] row(T x, WritePlan plan) {
        Object[] row = new Object[values.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = values.get(i).of(x, plan);
        }
        return row;
    }
}
