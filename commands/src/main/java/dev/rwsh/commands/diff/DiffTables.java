package dev.rwsh.commands.diff;

import dev.rwsh.commands.migrate.write.TargetTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Diff's lookups into the target tables' facts ({@link TargetTable}), by the names rows and columns arrive with. */
final class DiffTables {
    private DiffTables() {
    }

    /** Blob columns by "table.column". */
    private static final Map<String, TargetTable.Column> BLOBS = new HashMap<>();
    /** Per table, the columns that hold an id of a renumbered kind. */
    private static final Map<String, Set<String>> REFERENCES = new HashMap<>();

    static {
        for (TargetTable t : TargetTable.all()) {
            for (TargetTable.Column c : t.columns()) {
                if (c.type() == TargetTable.Type.BLOB) {
                    BLOBS.put(t.name() + "." + c.name(), c);
                }
            }
            REFERENCES.put(t.name(), t.columns().stream().filter(c -> c.type() == TargetTable.Type.ID_REF).map(TargetTable.Column::name)
                    .collect(Collectors.toUnmodifiableSet()));
        }
    }

    /** The tables the writing pass fills, in diff's order. */
    static List<String> names() {
        return TargetTable.all().stream().map(TargetTable::name).toList();
    }

    static boolean known(String table) {
        return TargetTable.named(table).isPresent();
    }

    /** The key columns of {@code table} (natural keys for the surrogate ids), or null for a table the writer does not fill. */
    static String[] key(String table) {
        return TargetTable.named(table).map(t -> t.key().toArray(String[]::new)).orElse(null);
    }

    /** What RisingWave v2.0.7 changes in {@code table} after it starts on the store, or null. */
    static String afterStart(String table) {
        return TargetTable.named(table).map(TargetTable::afterStart).orElse(null);
    }

    /** The columns of {@code table} that hold an id of one of the renumbered kinds (where the id is one). */
    static Set<String> references(String table) {
        return REFERENCES.getOrDefault(table, Set.of());
    }

    /** The blob column named "table.column", or null when that column holds no protobuf. */
    static TargetTable.Column blob(String tableColumn) {
        return BLOBS.get(tableColumn);
    }

    /** Whether the blob column "table.column" holds messages with ids of renumbered objects. */
    static boolean blobHoldsIds(String tableColumn) {
        TargetTable.Column c = BLOBS.get(tableColumn);
        return c != null && c.holdsIds();
    }
}
