package dev.rwsh.commands.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteBulkLoadTest {
    @TempDir
    Path dir;

    private static long pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theTransactionRunsWithABigCacheAndTemporaryDataInMemoryThenTheSessionGetsItsOwnBack() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            long cache = pragma(c, "cache_size");
            long temp = pragma(c, "temp_store");
            String journal;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                journal = rs.next() ? rs.getString(1) : null;
            }
            SqlDialect.BulkLoad bulkLoad = new SqliteDialect("3").beginBulkLoad(c);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (x INTEGER)");
                s.execute("CREATE TEMP TABLE scratch (x INTEGER)");
                assertEquals(SqliteDialect.BULK_LOAD_CACHE_KIB, pragma(c, "cache_size"));
                assertEquals(2, pragma(c, "temp_store"), "MEMORY");
                c.rollback();
            } finally {
                c.setAutoCommit(true);
            }
            bulkLoad.restore();
            assertEquals(cache, pragma(c, "cache_size"));
            assertEquals(temp, pragma(c, "temp_store"));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertEquals(journal, rs.next() ? rs.getString(1) : null, "the rollback journal is kept");
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 't'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "rolled back");
            }
        }
    }
}
