package dev.rwsh.commands.migrate.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.sql.MysqlDialect;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * LOAD DATA LOCAL INFILE's encoding against a real MariaDB: every value kind the migration writes
 * comes back byte for byte as the batched INSERT path stores it, and a load the server only warns
 * about (LOCAL turns errors into warnings) fails naming the table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MysqlLoadDataIT {
    private static final String TRICKY = "tab\there, newline\nthere, cr\r, nul \0, backslash \\N \\\\ \\t and \"quotes\", 'single', unicode é 漢 🙂";
    private static final String COLUMNS = "(i int, l bigint, s varchar(300) CHARACTER SET utf8mb4, b longblob, v varbinary(16), j json, f tinyint(1),"
            + " ts datetime, n int)";

    private static final TargetTable ALL_KINDS = TargetTable.scratch("t", TargetTable.Column.plain("i"), TargetTable.Column.plain("l"),
            TargetTable.Column.plain("s"), TargetTable.Column.plain("b"), TargetTable.Column.plain("v"), TargetTable.Column.json("j"),
            TargetTable.Column.plain("f"), TargetTable.Column.plain("ts"), TargetTable.Column.plain("n"));
    private static final TargetTable ONE_KEY = TargetTable.scratch("t", TargetTable.Column.plain("i"));

    private ScratchDatabase db;
    private SqlConnection sql;

    @BeforeAll
    void start() {
        db = ScratchDatabase.mysql();
        sql = SqlConnector.connect(SqlEndpoint.parse(db.url()));
    }

    @AfterAll
    void stop() {
        sql.close();
        db.close();
    }

    private static List<Object[]> rows() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        LocalDateTime at = LocalDateTime.of(2024, 7, 1, 12, 34, 56, 789_000_000);
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {-7, 1L << 40, TRICKY, everyByte, new byte[] {0, '\t', '\n', '\\', (byte) 0xff}, new Batch.Json("{\"k\":\"v\\tw\\\\n\",\"a\":[1,-2]}"),
            true, at, Batch.Null.INT});
        rows.add(new Object[] {1, 2L, "", new byte[0], new byte[0], new Batch.Json("[]"), false, LocalDateTime.of(2024, 1, 1, 0, 0), null});
        rows.add(new Object[] {2, Long.MIN_VALUE, null, null, Batch.Null.BYTES, Batch.Null.TEXT, Batch.Null.BOOL, Batch.Null.TIMESTAMP, Integer.MAX_VALUE});
        rows.add(new Object[] {3, 0L, "\\", "\\N".getBytes(), "N".getBytes(), new Batch.Json("\"\\\\N\""), true, at.withNano(0), 0});
        return rows;
    }

    @Test
    void everyValueKindIsStoredAsTheBatchedInsertStoresIt() throws Exception {
        try (Connection c = sql.open()) {
            SqlDialect d = SqlDialect.of(sql.backend(), c);
            assertEquals(MysqlDialect.LocalInfile.ON, ((MysqlDialect) d).localInfile(), "MariaDB allows local infile by default");
            try (RowSink.Rows chosen = RowSink.jdbc(c, d).open(ALL_KINDS, null, ALL_KINDS.columns())) {
                assertInstanceOf(MysqlLoadData.class, chosen);
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS t, t_batch");
                s.execute("CREATE TABLE t " + COLUMNS);
                s.execute("CREATE TABLE t_batch " + COLUMNS);
            }
            c.setAutoCommit(false);
            try (MysqlLoadData load = new MysqlLoadData(c, d, ALL_KINDS, null, ALL_KINDS.columns());
                    Batch batch = new Batch(c, d, TargetTable.scratch("t_batch", ALL_KINDS.columns().toArray(TargetTable.Column[]::new)), null,
                            ALL_KINDS.columns())) {
                for (Object[] row : rows()) {
                    load.add(row);
                    batch.add(row);
                }
            }
            c.commit();
            c.setAutoCommit(true);
            List<List<String>> loaded = hexDump(c, "t");
            assertEquals(4, loaded.size());
            assertEquals(hexDump(c, "t_batch"), loaded, "LOAD DATA stored other bytes than batched INSERT");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT i, l, s, b, j, f, ts, n FROM t ORDER BY i")) {
                assertTrue(rs.next());
                assertEquals(-7, rs.getInt(1));
                assertEquals(TRICKY, rs.getString(3));
                assertArrayEquals((byte[]) rows().get(0)[3], rs.getBytes(4));
                assertTrue(rs.getBoolean(6));
                rs.getInt(8);
                assertTrue(rs.wasNull());
                assertTrue(rs.next());
                assertEquals("", rs.getString(3), "an empty string stays empty, not NULL");
                assertArrayEquals(new byte[0], rs.getBytes(4), "an empty blob stays empty, not NULL");
                assertFalse(rs.getBoolean(6));
                assertNull(rs.getObject(8));
                assertTrue(rs.next());
                assertNull(rs.getString(3));
                assertNull(rs.getBytes(4));
                assertNull(rs.getString(5));
                assertTrue(rs.next());
                assertEquals("\\", rs.getString(3));
                assertArrayEquals("\\N".getBytes(), rs.getBytes(4));
            }
        }
    }

    /** Every column as hex (text as its bytes in the column's character set), NULL as null: what a byte-exact comparison needs. */
    private static List<List<String>> hexDump(Connection c, String table) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT HEX(i), HEX(l), HEX(s), HEX(b), HEX(v), HEX(j), HEX(f),"
                + " CAST(ts AS char), HEX(n) FROM " + table + " ORDER BY i")) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= 9; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void rowsTheServerSkipsFailTheLoadNamingTheTable() throws Exception {
        try (Connection c = sql.open()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS t");
                s.execute("CREATE TABLE t (i int PRIMARY KEY)");
            }
            MysqlLoadData load = new MysqlLoadData(c, SqlDialect.of(sql.backend(), c), ONE_KEY, null, ONE_KEY.columns());
            load.add(1);
            load.add(1);
            SQLException e = assertThrows(SQLException.class, load::close);
            assertTrue(e.getMessage().startsWith("LOAD DATA LOCAL INFILE into table t loaded 1 of 2 rows, the server warned: Duplicate entry '1'"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith("add allowLoadLocalInfile=false to the endpoint"), e.getMessage());
        }
    }

    @Test
    void aValueTheServerTruncatesFailsTheLoad() throws Exception {
        TargetTable text = TargetTable.scratch("t", TargetTable.Column.plain("s"));
        try (Connection c = sql.open()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS t");
                s.execute("CREATE TABLE t (s varchar(3))");
            }
            MysqlLoadData load = new MysqlLoadData(c, SqlDialect.of(sql.backend(), c), text, null, text.columns());
            load.add("abcdef");
            SQLException e = assertThrows(SQLException.class, load::close);
            assertTrue(e.getMessage().startsWith("LOAD DATA LOCAL INFILE into table t loaded 1 of 1 rows, the server warned: Data truncated"),
                    e.getMessage());
        }
    }

    /** local_infile turned off after the connection was made (or a proxy that does not pass LOCAL): the error says how to use batched INSERT. */
    @Test
    void aServerThatRefusesTheLoadFailsSayingHowToUseBatchedInsert() throws Exception {
        try (Connection c = sql.open()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS t");
                s.execute("CREATE TABLE t (i int PRIMARY KEY)");
            }
            SqlDialect d = SqlDialect.of(sql.backend(), c);
            assertEquals(MysqlDialect.LocalInfile.ON, ((MysqlDialect) d).localInfile());
            MysqlLoadData load = new MysqlLoadData(c, d, ONE_KEY, null, ONE_KEY.columns());
            load.add(1);
            db.admin("SET GLOBAL local_infile = 0");
            try {
                SQLException e = assertThrows(SQLException.class, load::close);
                assertTrue(e.getMessage().startsWith("the server refused LOAD DATA LOCAL INFILE into table t ("), e.getMessage());
                assertTrue(e.getMessage().endsWith("; to write with batched INSERT instead, add allowLoadLocalInfile=false to the endpoint"),
                        e.getMessage());
            } finally {
                db.admin("SET GLOBAL local_infile = 1");
            }
            assertEquals(0, count(c));
        }
    }

    @Test
    void aFullBufferIsSentAfterItsParentsAndTheRestOnClose() throws Exception {
        try (Connection c = sql.open()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS t");
                s.execute("CREATE TABLE t (i int PRIMARY KEY)");
            }
            int[] parentsFlushed = {0};
            MysqlLoadData load = new MysqlLoadData(c, SqlDialect.of(sql.backend(), c), ONE_KEY, () -> parentsFlushed[0]++, ONE_KEY.columns());
            boolean sent = false;
            for (int i = 0; i < Batch.SIZE + 5; i++) {
                sent |= load.add(i);
            }
            assertTrue(sent);
            assertEquals(1, parentsFlushed[0]);
            assertEquals(Batch.SIZE, count(c));
            load.close();
            assertEquals(2, parentsFlushed[0]);
            assertEquals(Batch.SIZE + 5, count(c));
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
