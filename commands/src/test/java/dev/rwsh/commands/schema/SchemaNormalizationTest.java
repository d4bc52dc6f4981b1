package dev.rwsh.commands.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rwsh.commands.sql.Catalog;
import dev.rwsh.commands.sql.MysqlDialect;
import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.SqliteDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * check must accept what legitimately varies between servers of one backend. The live catalogs
 * here are the recorded ones rewritten the way another server reports the same schema: MySQL 8
 * (documented differences from MariaDB) and SQLite before 3.37 (type names as written).
 */
class SchemaNormalizationTest {
    private final SchemaResources res = SchemaResources.get();

    private StoreInspector.Store fullStore() {
        Map<String, String> relations = new TreeMap<>();
        res.tables().forEach(t -> relations.put(t, "table"));
        List<StoreInspector.MigrationRow> rows = new ArrayList<>();
        res.migrations().forEach(m -> rows.add(new StoreInspector.MigrationRow(m, 1L)));
        return new StoreInspector.Store(relations, res.tables(), List.of(), rows);
    }

    /** The MariaDB catalog as MySQL 8 reports the same tables. */
    private static Catalog.Schema asMysql8(Catalog.Schema mariadb, boolean oldUtf8Name) {
        Map<String, Catalog.Table> out = new TreeMap<>();
        mariadb.tables().forEach((name, t) -> {
            List<String> jsonColumns = new ArrayList<>();
            t.checks().forEach(c -> jsonColumns.add(c.clause().replaceAll("^json_valid\\(`(.*)`\\)$", "$1")));
            List<Catalog.Column> cols = new ArrayList<>();
            for (Catalog.Column c : t.columns()) {
                String collation = c.collation() != null && oldUtf8Name ? c.collation().replace("utf8mb3_", "utf8_") : c.collation();
                if (jsonColumns.contains(c.name())) {
                    cols.add(new Catalog.Column(c.name(), "json", "json", null, c.nullable(), null, false, null));
                    continue;
                }
                String type = c.type().replaceAll("^(int|bigint)\\(\\d+\\)$", "$1");
                String dflt = c.defaultValue() == null || c.defaultValue().equals("NULL") ? null
                        : c.defaultValue().equals("current_timestamp()") ? "CURRENT_TIMESTAMP" : c.defaultValue();
                cols.add(new Catalog.Column(c.name(), type, c.dataType(), c.charLength(), c.nullable(), dflt, c.autoIncrement(), collation));
            }
            List<Catalog.ForeignKey> fks = new ArrayList<>();
            t.foreignKeys().forEach(f -> fks.add(new Catalog.ForeignKey(f.name(), f.columns(), f.refTable(), f.refColumns(),
                    f.onDelete().equals("RESTRICT") ? "NO ACTION" : f.onDelete(), "NO ACTION")));
            String collation = t.collation() != null && oldUtf8Name ? t.collation().replace("utf8mb3_", "utf8_") : t.collation();
            out.put(name, new Catalog.Table(name, cols, t.primaryKey(), fks, t.uniques(), t.indexes(), List.of(), collation));
        });
        return new Catalog.Schema(out);
    }

    @Test
    void mysql8ReportsTheSameSchemaDifferentlyAndCheckAcceptsIt() {
        Catalog.Schema mysql8 = asMysql8(res.expectedCatalog(SqlBackend.MYSQL), false);
        SqlDialect dialect = MysqlDialect.of(MysqlDialect.Flavor.MYSQL, "8.0.36");
        assertEquals(List.of(), SchemaCheckCommand.compare(dialect, mysql8, fullStore()));
        Catalog.Schema olderMysql = asMysql8(res.expectedCatalog(SqlBackend.MYSQL), true);
        assertEquals(List.of(), SchemaCheckCommand.compare(dialect, olderMysql, fullStore()));
    }

    @Test
    void onMysql8ALongtextColumnIsNotJson() {
        // MariaDB's JSON shape on a MySQL 8 server is a real difference: sea-query asked for json.
        Catalog.Schema mariadbShape = res.expectedCatalog(SqlBackend.MYSQL);
        SqlDialect dialect = MysqlDialect.of(MysqlDialect.Flavor.MYSQL, "8.0.36");
        List<SchemaDifference> diffs = SchemaCheckCommand.compare(dialect, mariadbShape, fullStore());
        SchemaDifference first = diffs.stream().filter(d -> d.object().equals("table.distribution_key") && d.difference().equals("type"))
                .findFirst().orElseThrow();
        assertEquals("json", first.expected());
        assertEquals("longtext", first.found());
    }

    @Test
    void olderSqliteSpellsTypesAsWrittenAndCheckAcceptsIt() {
        Map<String, Catalog.Table> lower = new TreeMap<>();
        res.expectedCatalog(SqlBackend.SQLITE).tables().forEach((name, t) -> {
            List<Catalog.Column> cols = new ArrayList<>();
            t.columns().forEach(c -> cols.add(new Catalog.Column(c.name(), c.type().toLowerCase(), null, null, c.nullable(),
                    c.defaultValue() == null ? null : c.defaultValue().toLowerCase(), c.autoIncrement(), null)));
            lower.put(name, new Catalog.Table(name, cols, t.primaryKey(), t.foreignKeys(), t.uniques(), t.indexes(), t.checks(), null));
        });
        assertEquals(List.of(), SchemaCheckCommand.compare(new SqliteDialect("3.36.0"), new Catalog.Schema(lower), fullStore()));
    }

    @Test
    void aRealDifferenceSurvivesNormalisation() {
        Map<String, Catalog.Table> changed = new TreeMap<>(asMysql8(res.expectedCatalog(SqlBackend.MYSQL), false).tables());
        Catalog.Table object = changed.get("object");
        List<Catalog.ForeignKey> fks = new ArrayList<>();
        object.foreignKeys().forEach(f -> fks.add(f.name().equals("FK_object_owner_id")
                ? new Catalog.ForeignKey(f.name(), f.columns(), f.refTable(), f.refColumns(), "SET NULL", f.onUpdate()) : f));
        changed.put("object", new Catalog.Table("object", object.columns(), object.primaryKey(), fks, object.uniques(), object.indexes(),
                object.checks(), "utf8mb4_general_ci"));
        List<SchemaDifference> diffs = SchemaCheckCommand.compare(MysqlDialect.of(MysqlDialect.Flavor.MYSQL, "8.0.36"),
                new Catalog.Schema(changed), fullStore());
        assertEquals(List.of("table collation | object", "foreign key | object foreign key FK_object_owner_id"),
                diffs.stream().map(d -> d.difference() + " | " + d.object()).toList());
    }
}
