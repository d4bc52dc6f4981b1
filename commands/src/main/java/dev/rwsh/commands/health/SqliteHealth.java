package dev.rwsh.commands.health;

import dev.rwsh.commands.health.SqlHealthCommand.SessionStat;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** SQLite: its pragmas (page count, free list, journal mode, quick_check), the dbstat table, and the WAL file beside the database. */
final class SqliteHealth implements HealthQueries {
    /** Free pages past this share of the file (and past this many) are worth a VACUUM. */
    static final double FREELIST_WARNING = 0.25;
    static final long FREELIST_MIN_PAGES = 256;
    static final long WAL_WARNING_BYTES = 64L * 1024 * 1024;

    @Override
    public String serverVersion(Connection c) throws SQLException {
        return "SQLite " + HealthQueries.firstString(c, "SELECT sqlite_version()");
    }

    @Override
    public long[] connections(Connection c) {
        return null;
    }

    @Override
    public Long databaseBytes(Connection c, SqlEndpoint endpoint) throws SQLException {
        return HealthQueries.firstLong(c, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
    }

    @Override
    public Map<String, Long> tableBytes(Connection c) throws SQLException {
        try {
            return HealthQueries.namedLongs(c, "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name");
        } catch (SQLException e) {
            // a SQLite built without the dbstat table: sizes per table stay unknown
            return Map.of();
        }
    }

    @Override
    public List<SessionStat> sessions(Connection c) {
        return List.of();
    }

    @Override
    public String terminate(String id) {
        return "";
    }

    @Override
    public void backendFigures(Connection c, SqlEndpoint endpoint, SqlHealthCommand.Reading.Builder b) throws SQLException {
        long pages = HealthQueries.firstLong(c, "PRAGMA page_count");
        long free = HealthQueries.firstLong(c, "PRAGMA freelist_count");
        b.figure("page count", pages + " pages of " + HealthQueries.firstLong(c, "PRAGMA page_size") + " bytes");
        b.figure("free list", free + " free pages");
        if (free > FREELIST_MIN_PAGES && free > FREELIST_WARNING * pages) {
            b.warn("database " + endpoint.path(), free + " of " + pages + " pages are free", "VACUUM (while the meta node is stopped) gives "
                    + "them back to the file system");
        }
        String mode = HealthQueries.firstString(c, "PRAGMA journal_mode");
        Path wal = Path.of(endpoint.path().toString() + "-wal");
        long walBytes;
        try {
            walBytes = Files.exists(wal) ? Files.size(wal) : 0;
        } catch (IOException e) {
            walBytes = -1;
        }
        b.figure("WAL", "journal mode " + mode + "; " + (walBytes < 0 ? "size of " + wal + " unknown" : walBytes + " bytes in " + wal));
        if (walBytes > WAL_WARNING_BYTES) {
            b.warn("file " + wal, "the write-ahead log holds " + walBytes + " bytes: checkpoints are not keeping up (a long reader?)",
                    "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        String check = HealthQueries.firstString(c, "PRAGMA quick_check");
        b.figure("quick_check", check);
        if (!"ok".equals(check)) {
            b.fail("database " + endpoint.path(), "PRAGMA quick_check: " + check, "the file is damaged: restore it from a copy, or migrate again "
                    + "from etcd (migrate -f) if etcd still holds the metadata");
        }
    }
}
