package dev.rwsh.commands.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rwsh.commands.sql.Catalog;
import dev.rwsh.commands.sql.SqlBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versioned schema resources under {@code /schema/v2.0.7/}: the migration names in order, the
 * statements each migration runs per backend, and the catalog each backend reports afterwards
 * ({@code expected-schema.json}). See docs/sql-schema.md.
 */
public final class SchemaResources {
    public static final String RISINGWAVE_VERSION = "v2.0.7";
    public static final String MIGRATION_TABLE = "seaql_migrations";
    private static final String ROOT = "/schema/" + RISINGWAVE_VERSION + "/";

    private static volatile SchemaResources instance;

    private final List<String> migrations;
    private final List<String> tables;
    private final JsonNode expected;

    private SchemaResources() {
        this.migrations = List.copyOf(lines(read("migrations.txt")).stream().filter(l -> !l.isBlank()).map(String::strip).toList());
        try {
            this.expected = new ObjectMapper().readTree(read("expected-schema.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> names = new ArrayList<>();
        expected.get("tables").forEach(n -> names.add(n.asText()));
        this.tables = List.copyOf(names);
        List<String> fromJson = new ArrayList<>();
        expected.get("migrations").forEach(n -> fromJson.add(n.asText()));
        if (!fromJson.equals(migrations)) {
            throw new IllegalStateException("migrations.txt and expected-schema.json list different migrations");
        }
    }

    public static SchemaResources get() {
        if (instance == null) {
            synchronized (SchemaResources.class) {
                if (instance == null) {
                    instance = new SchemaResources();
                }
            }
        }
        return instance;
    }

    /** The 18 migration names, in the order Migrator::up applies them: the values of seaql_migrations.version. */
    public List<String> migrations() {
        return migrations;
    }

    /** The 38 tables after all migrations: RisingWave's 37 and seaql_migrations. */
    public List<String> tables() {
        return tables;
    }

    public boolean isRisingWaveTable(String name) {
        return tables.contains(name);
    }

    /** One migration step: its name and the statements it runs on a backend, in order. */
    public record Migration(String version, List<String> statements) {
    }

    /** The statements that create seaql_migrations (sea-orm-migration's install()). */
    public List<String> installStatements(SqlBackend backend) {
        return statements(read(backend.rwName() + "/seaql_migrations.sql"));
    }

    public List<Migration> migrationSteps(SqlBackend backend) {
        List<Migration> out = new ArrayList<>();
        for (int i = 0; i < migrations.size(); i++) {
            String name = migrations.get(i);
            out.add(new Migration(name, statements(read(backend.rwName() + "/" + String.format("%03d_%s.sql", i + 1, name)))));
        }
        return out;
    }

    /** The rows migration 001 seeds, by table: the key column and the keys (cluster: one row whatever its id). */
    public record SeedRows(String table, String keyColumn, List<Object> keys) {
    }

    public List<SeedRows> seedRows() {
        List<SeedRows> out = new ArrayList<>();
        for (JsonNode entry : expected.get("rows_inserted_by_migrations")) {
            String table = entry.get("table").asText();
            if (table.equals(MIGRATION_TABLE)) {
                continue;
            }
            String key = entry.get("columns").get(0).asText();
            List<Object> keys = new ArrayList<>();
            if (!table.equals("cluster")) {
                for (JsonNode row : entry.get("rows")) {
                    keys.add(row.get(0).isNumber() ? row.get(0).asLong() : row.get(0).asText());
                }
            }
            out.add(new SeedRows(table, key, keys));
        }
        return out;
    }

    /** The server the backend's catalog was recorded on (e.g. "10.11.19-MariaDB-0+deb12u1"). */
    public String recordedOn(SqlBackend backend) {
        return expected.get("backends").get(backend.rwName()).get("verified_on").asText();
    }

    /** The raw catalog the backend reported after all migrations, in the same shape a live catalog is read in. */
    public Catalog.Schema expectedCatalog(SqlBackend backend) {
        JsonNode tablesNode = expected.get("backends").get(backend.rwName()).get("tables");
        Map<String, Catalog.Table> out = new TreeMap<>();
        tablesNode.fields().forEachRemaining(e -> out.put(e.getKey(), table(backend, e.getKey(), e.getValue())));
        return new Catalog.Schema(out);
    }

    private static Catalog.Table table(SqlBackend backend, String name, JsonNode t) {
        List<Catalog.Column> columns = new ArrayList<>();
        for (JsonNode c : t.get("columns")) {
            String type = text(c, "type");
            String dataType = backend == SqlBackend.POSTGRES ? text(c, "udt_name") : backend == SqlBackend.MYSQL ? text(c, "data_type") : null;
            Long length = c.hasNonNull("character_maximum_length") ? c.get("character_maximum_length").asLong() : null;
            columns.add(new Catalog.Column(text(c, "name"), type, dataType, length, c.get("nullable").asBoolean(), text(c, "default"),
                    c.get("auto_increment").asBoolean(), text(c, "collation")));
        }
        List<Catalog.ForeignKey> fks = new ArrayList<>();
        for (JsonNode f : t.get("foreign_keys")) {
            fks.add(new Catalog.ForeignKey(text(f, "name"), strings(f.get("columns")), text(f, "ref_table"), strings(f.get("ref_columns")),
                    text(f, "on_delete"), text(f, "on_update")));
        }
        List<Catalog.Unique> uniques = new ArrayList<>();
        for (JsonNode u : t.get("unique_constraints")) {
            uniques.add(new Catalog.Unique(text(u, "name"), strings(u.get("columns"))));
        }
        List<String> pk = strings(t.get("primary_key"));
        String pkName = text(t, "primary_key_name");
        List<Catalog.Index> indexes = new ArrayList<>();
        for (JsonNode i : t.get("indexes")) {
            String indexName = text(i, "name");
            boolean primary = i.has("primary") ? i.get("primary").asBoolean()
                    : i.has("origin") ? "pk".equals(text(i, "origin")) : "PRIMARY".equals(indexName) || indexName.equals(pkName);
            indexes.add(new Catalog.Index(indexName, strings(i.get("columns")), i.get("unique").asBoolean(), primary));
        }
        List<Catalog.Check> checks = new ArrayList<>();
        if (t.has("check_constraints")) {
            for (JsonNode ck : t.get("check_constraints")) {
                checks.add(new Catalog.Check(text(ck, "name"), text(ck, "clause")));
            }
        }
        return new Catalog.Table(name, columns, pk, fks, uniques, indexes, checks, text(t, "table_collation"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** Statements of a resource file: every line that is not blank or a comment, without its trailing ';'. */
    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        for (String line : lines(text)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("--")) {
                continue;
            }
            if (!l.endsWith(";")) {
                throw new IllegalStateException("schema resource line does not end in ';': " + l);
            }
            out.add(l.substring(0, l.length() - 1));
        }
        return out;
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\r?\n"));
    }

    private static String read(String name) {
        try (InputStream in = SchemaResources.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
