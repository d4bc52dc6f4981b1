package dev.rwsh.commands.migrate.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** COPY's text encoding against a real PostgreSQL: every value kind the migration writes comes back as bound. */
class PostgresCopyIT {
    private static final String TRICKY = "tab\there, newline\nthere, cr\r, backslash \\N \\\\ and \"quotes\", 'single', unicode é 漢 🙂";

    private static final TargetTable ALL_KINDS = TargetTable.scratch("t", TargetTable.Column.plain("i"), TargetTable.Column.plain("l"),
            TargetTable.Column.plain("s"), TargetTable.Column.plain("b"), TargetTable.Column.json("j"), TargetTable.Column.plain("f"),
            TargetTable.Column.plain("ts"), TargetTable.Column.plain("n"));
    private static final TargetTable ONE_KEY = TargetTable.scratch("t", TargetTable.Column.plain("i"));

    @Test
    void everyValueKindRoundTrips() throws Exception {
        byte[] blob = new byte[300];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) i;
        }
        LocalDateTime at = LocalDateTime.of(2024, 7, 1, 12, 34, 56, 789_000_000);
        try (ScratchDatabase db = ScratchDatabase.postgres(); SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(db.url()));
                Connection c = sql.open()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (i integer, l bigint, s varchar, b bytea, j jsonb, f boolean, ts timestamp, n integer)");
            }
            c.setAutoCommit(false);
            try (PostgresCopy copy = new PostgresCopy(c, dev.rwsh.commands.sql.SqlDialect.of(sql.backend(), c), ALL_KINDS, null, ALL_KINDS.columns())) {
                copy.add(-7, 1L << 40, TRICKY, blob, new Batch.Json("{\"k\":\"v\\tw\",\"a\":[1,-2]}"), true, at, Batch.Null.INT);
                copy.add(1, 2L, "", new byte[0], new Batch.Json("[]"), false, at, null);
            }
            c.commit();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT i, l, s, b, j::text, f, ts, n FROM t ORDER BY i")) {
                assertTrue(rs.next());
                assertEquals(-7, rs.getInt(1));
                assertEquals(1L << 40, rs.getLong(2));
                assertEquals(TRICKY, rs.getString(3));
                assertArrayEquals(blob, rs.getBytes(4));
                assertEquals("{\"a\": [1, -2], \"k\": \"v\\tw\"}", rs.getString(5));
                assertTrue(rs.getBoolean(6));
                assertEquals(at, rs.getObject(7, LocalDateTime.class));
                rs.getInt(8);
                assertTrue(rs.wasNull());
                assertTrue(rs.next());
                assertEquals("", rs.getString(3));
                assertArrayEquals(new byte[0], rs.getBytes(4));
                assertFalse(rs.getBoolean(6));
                assertNull(rs.getObject(8));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void aRejectedRowFailsWithTheServersMessage() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.postgres(); SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(db.url()));
                Connection c = sql.open()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (i integer PRIMARY KEY)");
            }
            c.setAutoCommit(false);
            PostgresCopy copy = new PostgresCopy(c, dev.rwsh.commands.sql.SqlDialect.of(sql.backend(), c), ONE_KEY, null, ONE_KEY.columns());
            copy.add(1);
            copy.add(1);
            SQLException e = assertThrows(SQLException.class, copy::close);
            assertTrue(e.getMessage().contains("duplicate key"), e.getMessage());
            c.rollback();
        }
    }
}
