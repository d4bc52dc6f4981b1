package dev.rwsh.commands.diff;

import dev.rwsh.commands.migrate.write.RowSink;
import dev.rwsh.commands.migrate.write.TargetTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seam between migrate's writing pass and diff: the rows migrate would write, turned into
 * diff's canonical form (values as {@link DiffValues} compares them, ids of the renumbered kinds as
 * identities, a key per row) and handed to one pass of diff. Because the rows come from the writer
 * itself, what diff expects is by construction what migrate writes.
 */
final class CanonicalSink implements RowSink {
    /** The columns of one sink and, per column, a value of the type the etcd side gives it (how to read the SQL value). */
    record Shape(String[] columns, Object[] hints, int[] refs) {
    }

    /** One target table while the writing pass fills it. */
    static final class TableState {
        final String name;
        final String[] key;
        /** Per key, the fingerprint and shape of the row the writer gave (replaced once the table is compared). */
        ExpectedRows expected;
        final Map<String, Integer> occurrences = new HashMap<>();
        /** object_dependency may hold a pair twice; every other table's key is unique on both sides. */
        final boolean multiset;
        int open;
        boolean done;

        TableState(String name) {
            this.name = name;
            this.key = DiffTables.key(name);
            this.multiset = name.equals("object_dependency");
            this.expected = new ExpectedRows(key == null ? 0 : key.length);
        }
    }

    /** What one pass of diff does with the rows of one table. */
    interface TableRows {
        /** The row as the writer gave it; false leaves it out. */
        boolean accept(Object[] written);

        /** The row's canonical values, before ids become identities. */
        default void canonical(Object[] canon) {
        }

        void row(String key, Object[] canon);
    }

    interface Pass {
        TableRows open(TableState table, Shape shape, int[] keyAt);
    }

    private final DiffValues values;
    private final DiffIdentities ids;
    private final Pass pass;
    private final Map<String, TableState> tables = new LinkedHashMap<>();

    CanonicalSink(DiffValues values, DiffIdentities ids, Pass pass) {
        this.values = values;
        this.ids = ids;
        this.pass = pass;
    }

    /** The tables opened so far, in the order the writer first opened them. */
    Collection<TableState> tables() {
        return tables.values();
    }

    @Override
    public Rows open(TargetTable table, Runnable beforeFlush, List<TargetTable.Column> columns) {
        TableState t = tables.computeIfAbsent(table.name(), TableState::new);
        t.open++;
        String[] cols = columns.stream().map(TargetTable.Column::name).toArray(String[]::new);
        int[] keyAt = keyPositions(t, cols);
        Shape shape = new Shape(cols, new Object[cols.length], refPositions(columns));
        TableRows rows = pass.open(t, shape, keyAt);
        return new Rows() {
            @Override
            public boolean add(Object... v) {
                if (!rows.accept(v)) {
                    return false;
                }
                Object[] canon = new Object[v.length];
                for (int i = 0; i < v.length; i++) {
                    canon[i] = values.expected(v[i]);
                }
                rows.canonical(canon);
                for (int i : shape.refs()) {
                    canon[i] = ids.etcd(canon[i]);
                }
                rows.row(unique(t, keyOf(canon, keyAt)), canon);
                return false;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
                t.open--;
            }
        };
    }

    /** The positions of the columns that may hold ids of the renumbered kinds. */
    private static int[] refPositions(List<TargetTable.Column> columns) {
        return java.util.stream.IntStream.range(0, columns.size()).filter(i -> columns.get(i).type() == TargetTable.Type.ID_REF).toArray();
    }

    private static int[] keyPositions(TableState t, String[] cols) {
        if (t.key == null) {
            throw new IllegalStateException("diff has no key for table " + t.name);
        }
        int[] at = new int[t.key.length];
        for (int i = 0; i < at.length; i++) {
            at[i] = Arrays.asList(cols).indexOf(t.key[i]);
            if (at[i] < 0) {
                throw new IllegalStateException(t.name + ": key column " + t.key[i] + " not written");
            }
        }
        return at;
    }

    private static String keyOf(Object[] canon, int[] keyAt) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keyAt.length; i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(canon[keyAt[i]] instanceof DiffValues.J j ? j.text() : String.valueOf(canon[keyAt[i]]));
        }
        return b.toString();
    }

    /** The same key twice (object_dependency is a multiset): the second is "k#2". */
    private static String unique(TableState t, String k) {
        if (!t.multiset) {
            return k;
        }
        Integer n = t.occurrences.merge(k, 1, Integer::sum);
        return n == 1 ? k : k + "#" + n;
    }
}
