package dev.rwsh.commands.schema;

import dev.rwsh.commands.sql.SqlDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a target may receive a migration without {@code -f}, as migrate and preflight both judge
 * it: only a target without any of RisingWave's tables, or with exactly v2.0.7's schema holding
 * only its seeds, is reusable. A schema with a migration v2.0.7 does not know (a newer
 * RisingWave's) or without one it has is never taken for empty, whatever its rows.
 *
 * @param unknownMigrations recorded in seaql_migrations but not v2.0.7's
 * @param missingMigrations v2.0.7's but not recorded
 * @param missingTables v2.0.7's tables that do not exist (when some do)
 */
public record TargetVerdict(Kind kind, MigrationMarker.TargetState state, List<String> unknownMigrations, List<String> missingMigrations,
        List<String> missingTables) {

    /** In the order they are judged: the first that applies is the verdict. */
    public enum Kind {
        /** rwsh's own partial-migration mark (MySQL/MariaDB). */
        PARTIAL,
        /** seaql_migrations records a migration v2.0.7 does not know. */
        NEWER_SCHEMA,
        /** some of v2.0.7's tables or recorded migrations are missing. */
        INCOMPLETE_SCHEMA,
        /** rows beyond the seeds. */
        METADATA,
        /** exactly v2.0.7's schema with its seeds only. */
        SEEDS_ONLY,
        /** none of RisingWave's tables. */
        EMPTY
    }

    /** Whether migrate may write here without -f. */
    public boolean reusable() {
        return kind == Kind.SEEDS_ONLY || kind == Kind.EMPTY;
    }

    /** Whether migrate refuses this target: it is not reusable and -f ({@code force}) does not replace it on purpose. */
    public boolean refuses(boolean force) {
        return !force && !reusable();
    }

    /** What was found, as one sentence about {@code where} ("database rwsh already holds ..."). */
    public String foundIn(String where) {
        return where + " " + found();
    }

    public static TargetVerdict judge(Connection c, SqlDialect dialect) throws SQLException {
        MigrationMarker.TargetState ts = MigrationMarker.targetState(c, dialect);
        SchemaResources res = SchemaResources.get();
        Set<String> recorded = new TreeSet<>();
        if (ts.present().contains(SchemaResources.MIGRATION_TABLE)) {
            StoreInspector.read(c, dialect).migrationRows().forEach(r -> recorded.add(r.version()));
        }
        List<String> unknown = recorded.stream().filter(v -> !res.migrations().contains(v)).toList();
        List<String> missing = ts.present().isEmpty() ? List.of() : res.migrations().stream().filter(v -> !recorded.contains(v)).toList();
        List<String> missingTables = ts.present().isEmpty() ? List.of() : res.tables().stream().filter(t -> !ts.present().contains(t)).toList();
        Kind kind = ts.mark().isPresent() ? Kind.PARTIAL
                : !unknown.isEmpty() ? Kind.NEWER_SCHEMA
                : !missing.isEmpty() || !missingTables.isEmpty() ? Kind.INCOMPLETE_SCHEMA
                : !ts.emptyOfMetadata() ? Kind.METADATA
                : ts.present().isEmpty() ? Kind.EMPTY : Kind.SEEDS_ONLY;
        return new TargetVerdict(kind, ts, unknown, missing, missingTables);
    }

    /** What was found, for a message that starts with where the tables live ("database rwsh holds ..."). */
    public String found() {
        return switch (kind) {
            case PARTIAL -> "holds a partial migration: " + state.mark().orElseThrow().describe();
            case NEWER_SCHEMA -> "holds a schema from a newer RisingWave: " + firstFew(unknownMigrations, 3) + " not known to "
                    + SchemaResources.RISINGWAVE_VERSION;
            case INCOMPLETE_SCHEMA -> "holds an incomplete RisingWave schema: " + (missingMigrations.isEmpty() ? ""
                    : (SchemaResources.get().migrations().size() - missingMigrations.size()) + " of " + SchemaResources.get().migrations().size()
                            + " " + SchemaResources.RISINGWAVE_VERSION + " migrations recorded (missing " + firstFew(missingMigrations, 3) + ")")
                    + (!missingMigrations.isEmpty() && !missingTables.isEmpty() ? ", " : "")
                    + (missingTables.isEmpty() ? "" : "tables missing: " + firstFew(missingTables, 5));
            case METADATA -> "already holds RisingWave metadata (rows beyond the seeds in " + firstFew(rowsBeyondSeeds(), 6) + ")";
            case SEEDS_ONLY -> "holds RisingWave's tables with their seeds only";
            case EMPTY -> "has no RisingWave table";
        };
    }

    /** The command that resolves a target that is not reusable, with what it does. */
    public String repair() {
        return switch (kind) {
            case PARTIAL -> "run 'migrate -f' to drop RisingWave's tables and migrate again";
            case NEWER_SCHEMA -> "a " + SchemaResources.RISINGWAVE_VERSION + " meta node cannot use it ('sql schema status' lists it); if no "
                    + "cluster runs on it, 'migrate -f' drops RisingWave's tables and migrates again, else use another database";
            case INCOMPLETE_SCHEMA -> "'sql schema status' lists it; 'migrate -f' drops RisingWave's tables and migrates again";
            case METADATA -> "'sql schema status' shows it; 'migrate -f' drops RisingWave's tables and migrates again";
            case SEEDS_ONLY, EMPTY -> "";
        };
    }

    private List<String> rowsBeyondSeeds() {
        List<String> full = new ArrayList<>();
        state.rowsBeyondSeeds().forEach((t, n) -> {
            if (n > 0) {
                full.add(t + " (" + n + ")");
            }
        });
        return full;
    }

    private static String firstFew(List<String> items, int n) {
        return String.join(", ", items.subList(0, Math.min(n, items.size()))) + (items.size() > n ? ", and " + (items.size() - n) + " more" : "");
    }
}
