package dev.rwsh.commands.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.connect.ConnectSqlCommand;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the schema commands must do on every backend, run against a real server: each backend's
 * test class supplies a database of its own and the few statements that differ.
 */
abstract class SchemaCommandsContract {
    static final String FOREIGN_TABLE = "my_app_notes";

    protected Session session;
    protected SqlConnection sql;

    /** The endpoint of a scratch database this class owns. */
    protected abstract String url();

    /** Changes hummock_sequence.seq from bigint to a 32-bit integer. */
    protected abstract void changeSeqType(Statement s) throws SQLException;

    /** Drops index idx_worker_host_port. */
    protected abstract String dropIndexStatement();

    @BeforeEach
    void connectAndReset() throws SQLException {
        session = new Session();
        ConnectSqlCommand.run(session, url());
        sql = session.requireSql();
        exec("DROP TABLE IF EXISTS " + q(FOREIGN_TABLE));
        SchemaDropCommand.run(sql, true);
        assertEquals("none", SchemaStatusCommand.run(sql).schema());
    }

    @AfterEach
    void disconnect() {
        session.close();
    }

    protected void exec(String... statements) throws SQLException {
        try (Connection c = sql.open(); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    protected long count(String table) throws SQLException {
        try (Connection c = sql.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + q(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    protected String q(String ident) {
        return sql.backend() == SqlBackend.MYSQL ? "`" + ident + "`" : "\"" + ident + "\"";
    }

    protected Map<String, String> relations() throws SQLException {
        try (Connection c = sql.open()) {
            return SqlDialect.of(sql.backend(), c).relations(c);
        }
    }

    @Test
    void createsTheSchemaThatCheckAccepts() throws SQLException {
        SchemaStatusCommand.StatusResult before = SchemaStatusCommand.run(sql);
        assertTrue(before.emptyOfMetadata());
        assertTrue(before.migrations().stream().allMatch(m -> m.state().equals("missing")));

        SchemaCreateCommand.CreateResult created = SchemaCreateCommand.run(sql);
        assertEquals(38, created.tableCount());
        assertEquals(18, created.migrations().size());

        SchemaCheckCommand.CheckResult check = SchemaCheckCommand.run(sql);
        assertEquals(List.of(), check.differences());
        assertTrue(check.matches());
        assertEquals(ExitStatus.OK, check.exitStatus());

        SchemaStatusCommand.StatusResult status = SchemaStatusCommand.run(sql);
        assertEquals("v2.0.7", status.schema(), status.summary());
        assertTrue(status.emptyOfMetadata(), status.summary());
        assertEquals(18, status.migrations().stream().filter(m -> m.state().equals("applied")).count());
        assertTrue(status.migrations().stream().allMatch(m -> m.appliedAt() != null && m.appliedAt() > 1_700_000_000L));

        // The seeded rows, and the random cluster id bound as sqlx binds a uuid on this backend.
        assertEquals(2, count("user"));
        assertEquals(5, count("object"));
        assertEquals(4, count("schema"));
        assertEquals(UUID.fromString(created.clusterId()), clusterId());
        Map<String, Long> counts = new java.util.HashMap<>();
        SqlTablesCommand.run(sql).counts().forEach(r -> counts.put(r.table(), r.rows()));
        assertEquals(38, counts.size());
        assertEquals(18L, counts.get("seaql_migrations"));
        assertEquals(0L, counts.get("worker"));

        // One row of metadata makes the store non-empty.
        exec("INSERT INTO " + q("catalog_version") + " (" + q("name") + ", " + q("version") + ") VALUES ('NotificationVersion', 1)");
        assertFalse(SchemaStatusCommand.run(sql).emptyOfMetadata());
    }

    private UUID clusterId() throws SQLException {
        try (Connection c = sql.open(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + q("cluster_id") + " FROM " + q("cluster"))) {
            assertTrue(rs.next());
            Object v = rs.getObject(1);
            assertFalse(rs.next(), "one cluster row");
            if (v instanceof UUID u) {
                assertEquals(SqlBackend.POSTGRES, sql.backend());
                return u;
            }
            byte[] b = (byte[]) v;
            assertEquals(16, b.length, "16 raw bytes, as sqlx binds uuid::Uuid");
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
            return new UUID(buf.getLong(), buf.getLong());
        }
    }

    @Test
    void createTwiceIsRefusedAndChangesNothing() throws SQLException {
        SchemaCreateCommand.CreateResult first = SchemaCreateCommand.run(sql);
        RwshException e = assertThrows(RwshException.class, () -> SchemaCreateCommand.run(sql));
        assertTrue(e.getMessage().contains("is not empty: it already has 38 of RisingWave's 38 tables"), e.getMessage());
        assertTrue(e.getMessage().contains("sql schema drop"), e.getMessage());
        assertTrue(SchemaCheckCommand.run(sql).matches());
        assertEquals(UUID.fromString(first.clusterId()), clusterId());
    }

    @Test
    void checkNamesEveryKindOfDifference() throws SQLException {
        SchemaCreateCommand.run(sql);
        exec("ALTER TABLE " + q("source") + " DROP COLUMN " + q("rate_limit"));
        try (Connection c = sql.open(); Statement s = c.createStatement()) {
            changeSeqType(s);
        }
        exec(dropIndexStatement(),
                "DELETE FROM " + q("seaql_migrations") + " WHERE " + q("version") + " = 'm20240806_143329_add_rate_limit_to_source_catalog'",
                "INSERT INTO " + q("seaql_migrations") + " (" + q("version") + ", " + q("applied_at") + ") VALUES ('m20240920_000000_from_the_future', 1726790400)",
                "CREATE TABLE " + q(FOREIGN_TABLE) + " (id integer PRIMARY KEY, note varchar(100))");

        SchemaCheckCommand.CheckResult check = SchemaCheckCommand.run(sql);
        assertFalse(check.matches());
        assertEquals(ExitStatus.CHECK_FAILED, check.exitStatus());
        List<String> found = new ArrayList<>();
        check.differences().forEach(d -> found.add(d.difference() + " | " + d.object()));
        String all = String.join("\n", found);
        assertTrue(found.contains("missing column | source.rate_limit"), all);
        assertTrue(found.contains("type | hummock_sequence.seq"), all);
        assertTrue(found.contains("missing index | worker index idx_worker_host_port"), all);
        assertTrue(found.contains("missing migration | seaql_migrations row m20240806_143329_add_rate_limit_to_source_catalog"), all);
        assertTrue(found.contains("unknown migration | seaql_migrations row m20240920_000000_from_the_future"), all);
        assertTrue(found.contains("unexpected table | " + FOREIGN_TABLE), all);
        assertEquals(6, found.size(), "exactly the six changes, nothing else:\n" + all);
        SchemaDifference unknown = check.differences().stream().filter(d -> d.difference().equals("unknown migration")).findFirst().orElseThrow();
        assertTrue(unknown.found().contains("Migration file of version m20240920_000000_from_the_future is missing"), unknown.found());

        SchemaStatusCommand.StatusResult status = SchemaStatusCommand.run(sql);
        assertEquals("newer", status.schema());
        assertTrue(status.migrations().stream().anyMatch(m -> m.state().equals("missing") && m.version().startsWith("m20240806")));
        assertEquals(List.of(FOREIGN_TABLE), status.otherTables());
    }

    @Test
    void dropRemovesOnlyRisingWaveTablesAndAsksFirst() throws SQLException {
        SchemaCreateCommand.run(sql);
        exec("CREATE TABLE " + q(FOREIGN_TABLE) + " (id integer PRIMARY KEY, note varchar(100))",
                "INSERT INTO " + q(FOREIGN_TABLE) + " (id, note) VALUES (1, 'keep me')");

        RwshException unconfirmed = assertThrows(RwshException.class, () -> SchemaDropCommand.run(sql, false));
        assertTrue(unconfirmed.getMessage().contains("needs confirmation: add --yes"), unconfirmed.getMessage());
        assertTrue(SchemaCheckCommand.run(sql).differences().stream().allMatch(d -> d.object().equals(FOREIGN_TABLE)));

        SchemaDropCommand.DropResult dropped = SchemaDropCommand.run(sql, true);
        assertEquals(38, dropped.dropped().size());
        assertEquals(List.of(FOREIGN_TABLE), dropped.leftAlone());
        // Children before parents: actor_dispatcher before actor before fragment before object before user.
        List<String> order = dropped.dropped();
        assertTrue(order.indexOf("actor_dispatcher") < order.indexOf("actor"));
        assertTrue(order.indexOf("actor") < order.indexOf("fragment"));
        assertTrue(order.indexOf("fragment") < order.indexOf("object"));
        assertTrue(order.indexOf("object") < order.indexOf("user"));

        SchemaStatusCommand.StatusResult status = SchemaStatusCommand.run(sql);
        assertEquals("none", status.schema());
        assertTrue(status.emptyOfMetadata());
        assertEquals(List.of(FOREIGN_TABLE), status.otherTables());
        assertEquals(1, count(FOREIGN_TABLE));
        assertEquals(List.of(FOREIGN_TABLE), new ArrayList<>(relations().keySet()));
        assertEquals("nothing to drop", SchemaDropCommand.run(sql, false).tables().get(0).rows().get(0).get(0).toString().substring(0, 15));
    }

    @Test
    void dropRefusesWhenAnotherTableReferencesRisingWave() throws SQLException {
        SchemaCreateCommand.run(sql);
        exec("CREATE TABLE " + q(FOREIGN_TABLE) + " (id integer PRIMARY KEY, worker_id integer, "
                + "CONSTRAINT fk_notes_worker FOREIGN KEY (worker_id) REFERENCES " + q("worker") + " (" + q("worker_id") + "))");
        RwshException e = assertThrows(RwshException.class, () -> SchemaDropCommand.run(sql, true));
        assertTrue(e.getMessage().contains("table " + FOREIGN_TABLE + " is not RisingWave's but has a foreign key"), e.getMessage());
        assertTrue(SchemaCheckCommand.run(sql).differences().stream().allMatch(d -> d.object().equals(FOREIGN_TABLE)));
        exec("DROP TABLE " + q(FOREIGN_TABLE));
    }

    @Test
    void queryOnlyReadsAndCapsTheRows() throws SQLException {
        SchemaCreateCommand.run(sql);
        SqlQueryCommand.QueryResult all = SqlQueryCommand.run(sql, "SELECT " + q("name") + " FROM " + q("schema") + " ORDER BY 1", 100);
        assertEquals(List.of("name"), all.columns());
        assertEquals(4, all.rows().size());
        assertFalse(all.truncated());
        SqlQueryCommand.QueryResult capped = SqlQueryCommand.run(sql, "SELECT * FROM " + q("schema") + " ORDER BY 1;", 2);
        assertEquals(2, capped.rows().size());
        assertTrue(capped.truncated());

        for (String write : List.of(
                "INSERT INTO " + q("worker") + " (" + q("worker_type") + ", " + q("host") + ", " + q("port") + ", " + q("status") + ") VALUES ('x', 'h', 1, 's')",
                "DELETE FROM " + q("user"),
                "DROP TABLE " + q("worker"),
                "CREATE TABLE evil (id integer)",
                "SELECT 1; DELETE FROM " + q("user"),
                "SELECT 1; COMMIT; DELETE FROM " + q("user"),
                "/* SELECT */ UPDATE " + q("user") + " SET " + q("name") + " = 'x'")) {
            RwshException e = assertThrows(RwshException.class, () -> SqlQueryCommand.run(sql, write, 10), write);
            assertEquals(ExitStatus.USAGE, e.status(), write);
        }
        assertEquals(2, count("user"));
        assertEquals(0, count("worker"));
        assertFalse(relations().containsKey("evil"));
        // A ';' inside a string literal is not a second statement.
        assertEquals("a;b", SqlQueryCommand.run(sql, "SELECT 'a;b'", 10).rows().get(0).get(0));
    }

    @Test
    void theReadOnlyTransactionRefusesWritesItself() throws SQLException {
        SchemaCreateCommand.run(sql);
        try (Connection c = sql.open()) {
            SqlDialect dialect = SqlDialect.of(sql.backend(), c);
            dialect.beginReadOnly(c);
            try (Statement s = c.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM " + q("user")));
                assertNotEquals(0, (e.getSQLState() + e.getErrorCode()).length());
            } finally {
                dialect.endReadOnly(c);
            }
        }
        assertEquals(2, count("user"));
        // and the connection is writable again afterwards
        exec("INSERT INTO " + q("catalog_version") + " (" + q("name") + ", " + q("version") + ") VALUES ('TableRevision', 1)");
        assertEquals(1, count("catalog_version"));
    }

    @Test
    void aFailedCreateLeavesNothingBehind() throws SQLException {
        String collationBefore = databaseCollation();
        RwshException e = assertThrows(RwshException.class, () -> SchemaCreateCommand.run(sql, (migration, statement) -> {
            if (migration.equals("m20240506_112555_subscription_partial_ckpt")) {
                throw new SQLException("injected failure");
            }
        }));
        assertTrue(e.getMessage().contains("schema create failed in m20240506_112555_subscription_partial_ckpt"), e.getMessage());
        assertTrue(e.getMessage().contains("injected failure"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing"), e.getMessage());
        assertEquals(Map.of(), relations());
        assertEquals(collationBefore, databaseCollation());
        // and a create after it works
        SchemaCreateCommand.run(sql);
        assertTrue(SchemaCheckCommand.run(sql).matches());
    }

    /** The database default collation where the backend has one (MySQL), else null. */
    protected String databaseCollation() throws SQLException {
        return null;
    }

    /**
     * The schema as RisingWave's meta node makes it on first start: the same statements, sent one
     * by one outside any transaction (as on MySQL and SQLite), other applied_at values, and its own
     * random cluster id. check must accept it.
     */
    @Test
    void acceptsTheSchemaAsMigratorUpMakesIt() throws SQLException {
        SchemaResources res = SchemaResources.get();
        try (Connection c = sql.open(); Statement s = c.createStatement()) {
            SqlDialect dialect = SqlDialect.of(sql.backend(), c);
            beforeMigratorUp(s);
            for (String st : res.installStatements(sql.backend())) {
                s.execute(st);
            }
            long at = 1_725_000_000L;
            for (SchemaResources.Migration m : res.migrationSteps(sql.backend())) {
                for (String st : m.statements()) {
                    s.execute(st);
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO " + q("seaql_migrations") + " VALUES (?, ?)")) {
                    p.setString(1, m.version());
                    p.setLong(2, at++);
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE " + q("cluster") + " SET " + q("cluster_id") + " = ?")) {
                p.setObject(1, dialect.uuidParameter(UUID.randomUUID()));
                assertEquals(1, p.executeUpdate());
            }
        }
        SchemaCheckCommand.CheckResult check = SchemaCheckCommand.run(sql);
        assertEquals(List.of(), check.differences());
        assertTrue(SchemaStatusCommand.run(sql).emptyOfMetadata());
    }

    /** Anything the backend's meta node would meet that rwsh's own create does not (a different database default). */
    protected void beforeMigratorUp(Statement s) throws SQLException {
    }

    static byte[] bytes(UUID u) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
        b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return b.array();
    }

    @Test
    void uuidBytesAreBigEndian() {
        UUID u = UUID.fromString("01234567-89ab-cdef-0123-456789abcdef");
        try (Connection c = sql.open()) {
            Object p = SqlDialect.of(sql.backend(), c).uuidParameter(u);
            if (p instanceof byte[] b) {
                assertArrayEquals(bytes(u), b);
            } else {
                assertEquals(u, p);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
