package dev.rwsh.commands.schema;

import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.sql.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code sql schema status}: which of RisingWave v2.0.7's migrations are recorded, which are
 * missing, which are unknown (newer), which tables exist with how many rows, and whether the store
 * is empty of RisingWave metadata.
 *
 * <p>"Empty of RisingWave metadata" means: none of RisingWave's tables holds a row beyond the ones
 * the v2.0.7 migrations seed themselves (one cluster row, users 1 root and 2 postgres, objects
 * 1-5, database 1 dev, schemas 2-5). seaql_migrations is bookkeeping and does not count. A store
 * without any of RisingWave's tables is empty too. A meta node that has started once writes system
 * parameters, workers and catalog versions, so its store is never empty.
 */
public final class SchemaStatusCommand {
    private SchemaStatusCommand() {
    }

    /** schema: "none" (no RisingWave table), "v2.0.7" (complete), "incomplete", or "newer" (unknown migrations recorded). */
    public record StatusResult(String backend, String server, String database, String risingwaveVersion, String schema,
            boolean emptyOfMetadata, String summary, List<MigrationStatus> migrations, List<TableStatus> tableStates,
            List<String> otherTables, String partialMigration) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder summaryTable = TableView.builder("schema status", "item", "value")
                    .row("store", backend + " " + database + " (" + server + ")")
                    .row("schema", schemaText())
                    .row("metadata", !emptyOfMetadata ? "holds RisingWave metadata"
                            : schema.equals("none") ? "empty (no RisingWave table)" : "empty (only the rows the migrations seed)")
                    .row("other tables", otherTables.isEmpty() ? "none" : String.join(", ", otherTables));
            if (partialMigration != null) {
                summaryTable.row("migration", partialMigration);
            }
            TableView.Builder m = TableView.builder("migrations", "version", "state", "applied_at");
            for (MigrationStatus s : migrations) {
                m.row(s.version(), s.state(), s.appliedAt() == null ? "" : s.appliedAt());
            }
            TableView.Builder t = TableView.builder("tables", "table", "present", "rows", "beyond seeds");
            for (TableStatus s : tableStates) {
                t.row(s.table(), s.present() ? "yes" : "no", s.rows() == null ? "" : s.rows(), s.rowsBeyondSeeds() == null ? "" : s.rowsBeyondSeeds());
            }
            return List.of(summaryTable.build(), m.build(), t.build());
        }

        private String schemaText() {
            long recorded = migrations.stream().filter(x -> x.state().equals("applied")).count();
            long known = migrations.stream().filter(x -> !x.state().equals("unknown")).count();
            return switch (schema) {
                case "none" -> "none: no RisingWave table";
                case "newer" -> "newer than " + risingwaveVersion + ": unknown migrations recorded; a " + risingwaveVersion
                        + " meta node refuses this store ('Migration file of version ... is missing')";
                case "incomplete" -> "incomplete: " + recorded + " of " + known + " migrations recorded, "
                        + tableStates.stream().filter(TableStatus::present).count() + " of " + tableStates.size() + " tables";
                default -> risingwaveVersion + ": all " + known + " migrations recorded, all " + tableStates.size() + " tables present";
            };
        }
    }

    /** state: applied, missing, or unknown (recorded but not a v2.0.7 migration). */
    public record MigrationStatus(String version, String state, Long appliedAt) {
    }

    /** rowsBeyondSeeds: rows other than those the migrations seed (null for seaql_migrations and absent tables). */
    public record TableStatus(String table, boolean present, Long rows, Long rowsBeyondSeeds) {
    }

    public static StatusResult run(SqlConnection sql) {
        return sql.withDialect("read the schema of", (c, dialect) -> {
            SchemaResources res = SchemaResources.get();
            StoreInspector.Store store = StoreInspector.read(c, dialect);
            Map<String, Long> counts = StoreInspector.rowCounts(c, dialect, store.present());
            Map<String, Long> beyond = StoreInspector.rowsBeyondSeeds(c, dialect, counts);

            List<MigrationStatus> migrations = new ArrayList<>();
            Set<String> recorded = new TreeSet<>();
            for (StoreInspector.MigrationRow row : store.migrationRows()) {
                recorded.add(row.version());
            }
            for (String v : res.migrations()) {
                Long at = store.migrationRows().stream().filter(r -> r.version().equals(v)).map(StoreInspector.MigrationRow::appliedAt).findFirst().orElse(null);
                migrations.add(new MigrationStatus(v, recorded.contains(v) ? "applied" : "missing", at));
            }
            boolean unknown = false;
            for (StoreInspector.MigrationRow row : store.migrationRows()) {
                if (!res.migrations().contains(row.version())) {
                    migrations.add(new MigrationStatus(row.version(), "unknown", row.appliedAt()));
                    unknown = true;
                }
            }
            List<TableStatus> tables = new ArrayList<>();
            for (String t : res.tables()) {
                boolean present = store.has(t);
                tables.add(new TableStatus(t, present, counts.get(t), present ? beyond.get(t) : null));
            }
            boolean allMigrations = recorded.containsAll(res.migrations());
            String schema = store.present().isEmpty() ? "none"
                    : unknown ? "newer"
                    : allMigrations && store.present().size() == res.tables().size() ? "v2.0.7" : "incomplete";
            boolean empty = beyond.values().stream().allMatch(n -> n == 0);
            String partial = MigrationMarker.read(c, dialect).map(m -> "PARTIAL: " + m.describe()
                    + "; the store is incomplete, run 'migrate -f' to redo it").orElse(null);
            String database = sql.endpoint().path() != null ? sql.endpoint().path().toString() : sql.endpoint().database();
            StatusResult r = new StatusResult(sql.backend().rwName(), dialect.serverName(), database, SchemaResources.RISINGWAVE_VERSION,
                    schema, empty, null, migrations, tables, store.others(), partial);
            return new StatusResult(r.backend(), r.server(), r.database(), r.risingwaveVersion(), r.schema(), r.emptyOfMetadata(),
                    r.schemaText() + "; " + (empty ? "empty of RisingWave metadata" : "holds RisingWave metadata")
                            + (partial == null ? "" : "; " + partial),
                    r.migrations(), r.tableStates(), r.otherTables(), partial);
        });
    }
}
