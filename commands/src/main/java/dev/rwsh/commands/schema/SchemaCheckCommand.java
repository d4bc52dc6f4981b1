package dev.rwsh.commands.schema;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.sql.Catalog;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code sql schema check}: compares the live schema with RisingWave v2.0.7's (tables, columns,
 * types as the backend reports them, nullability, defaults, auto-increment, collations on MySQL,
 * primary keys, foreign keys, indexes, unique and check constraints, seaql_migrations rows) and
 * lists every difference. What legitimately varies between servers of one backend and between
 * runs is normalized away first (see {@link SqlDialect#normalize}); applied_at and the seeded
 * cluster id are data and are not compared.
 */
public final class SchemaCheckCommand {
    private SchemaCheckCommand() {
    }

    public record CheckResult(String backend, String server, String database, String risingwaveVersion, boolean matches,
            List<SchemaDifference> differences) implements CommandResult {
        @Override
        public List<TableView> tables() {
            if (matches) {
                return List.of(TableView.builder(null, "result").row("schema matches RisingWave " + risingwaveVersion + " on " + backend
                        + " (" + server + "): " + SchemaResources.get().tables().size() + " tables, "
                        + SchemaResources.get().migrations().size() + " migrations recorded").build());
            }
            TableView.Builder t = TableView.builder(differences.size() + " difference" + (differences.size() == 1 ? "" : "s")
                    + " from RisingWave " + risingwaveVersion + " on " + backend, "object", "difference", "expected", "found");
            for (SchemaDifference d : differences) {
                t.row(d.object(), d.difference(), d.expected(), d.found());
            }
            return List.of(t.build());
        }

        @Override
        public ExitStatus exitStatus() {
            return matches ? ExitStatus.OK : ExitStatus.CHECK_FAILED;
        }
    }

    public static CheckResult run(SqlConnection sql) {
        return sql.withDialect("check the schema of", (c, dialect) -> {
            StoreInspector.Store store = StoreInspector.read(c, dialect);
            Catalog.Schema liveRaw = dialect.readCatalog(c, store.present());
            List<SchemaDifference> differences = new ArrayList<>(compare(dialect, liveRaw, store));
            MigrationMarker.read(c, dialect).ifPresent(m -> differences.add(new SchemaDifference(MigrationMarker.TABLE,
                    "partial migration: " + m.describe() + "; run 'migrate -f'", "absent", "present")));
            String database = sql.endpoint().path() != null ? sql.endpoint().path().toString() : sql.endpoint().database();
            return new CheckResult(sql.backend().rwName(), dialect.serverName(), database, SchemaResources.RISINGWAVE_VERSION,
                    differences.isEmpty(), differences);
        });
    }

    static List<SchemaDifference> compare(SqlDialect dialect, Catalog.Schema liveRaw, StoreInspector.Store store) {
        SchemaResources res = SchemaResources.get();
        Catalog.Schema expected = normalize(dialect.recordedDialect(), res.expectedCatalog(dialect.backend()));
        Catalog.Schema live = normalize(dialect, liveRaw);
        List<SchemaDifference> out = new ArrayList<>(SchemaComparator.compare(expected, live, store.others(),
                Set.of(SchemaResources.MIGRATION_TABLE)));
        if (store.has(SchemaResources.MIGRATION_TABLE)) {
            out.addAll(SchemaComparator.compareMigrations(res.migrations(),
                    store.migrationRows().stream().map(StoreInspector.MigrationRow::version).toList(), SchemaResources.RISINGWAVE_VERSION));
        }
        return out;
    }

    static Catalog.Schema normalize(SqlDialect dialect, Catalog.Schema raw) {
        Map<String, Catalog.Table> out = new TreeMap<>();
        raw.tables().forEach((name, table) -> out.put(name, dialect.normalize(table)));
        return new Catalog.Schema(out);
    }
}
