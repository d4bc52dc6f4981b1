package dev.rwsh.commands.health;

import dev.rwsh.commands.health.SqlHealthCommand.SessionStat;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MySQL and MariaDB: information_schema.tables, processlist, innodb_trx and innodb_metrics (the same
 * views in both). The InnoDB views need the PROCESS privilege; without it the figure says so.
 */
final class MysqlHealth implements HealthQueries {
    /** Undo records purge has not removed yet past this many are a warning. */
    static final long HISTORY_LENGTH_WARNING = 100_000;
    static final int ACCESS_DENIED = 1227;

    @Override
    public String serverVersion(Connection c) throws SQLException {
        return HealthQueries.firstString(c, "SELECT VERSION()");
    }

    @Override
    public long[] connections(Connection c) throws SQLException {
        long used;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Threads_connected'")) {
            used = rs.next() ? rs.getLong(2) : 0;
        }
        return new long[] {used, HealthQueries.firstLong(c, "SELECT @@max_connections")};
    }

    @Override
    public Long databaseBytes(Connection c, SqlEndpoint endpoint) throws SQLException {
        return HealthQueries.firstLong(c, "SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables WHERE table_schema = DATABASE()");
    }

    @Override
    public Map<String, Long> tableBytes(Connection c) throws SQLException {
        return HealthQueries.namedLongs(c, "SELECT table_name, data_length + index_length "
                + "FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'");
    }

    @Override
    public List<SessionStat> sessions(Connection c) throws SQLException {
        List<SessionStat> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, user, command, time, LEFT(info, 80) "
                + "FROM information_schema.processlist WHERE id <> CONNECTION_ID() AND db = DATABASE() AND command NOT IN ('Sleep', 'Daemon') "
                + "AND time >= " + LONG_RUNNING_SECONDS + " ORDER BY time DESC")) {
            while (rs.next()) {
                out.add(new SessionStat(rs.getString(1), rs.getString(2), "active (" + rs.getString(3) + ")", rs.getLong(4), rs.getString(5)));
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT p.id, p.user, TIMESTAMPDIFF(SECOND, t.trx_started, NOW()), "
                + "LEFT(t.trx_query, 80) FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id "
                + "WHERE p.id <> CONNECTION_ID() AND p.command = 'Sleep' AND t.trx_started <= NOW() - INTERVAL " + IDLE_IN_TRANSACTION_SECONDS
                + " SECOND ORDER BY 3 DESC")) {
            while (rs.next()) {
                out.add(new SessionStat(rs.getString(1), rs.getString(2), "idle in transaction", rs.getLong(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            if (e.getErrorCode() != ACCESS_DENIED) {
                throw e;
            }
            // without PROCESS, innodb_trx is closed: the idle-in-transaction figure says so (backendFigures)
        }
        return out;
    }

    @Override
    public String terminate(String id) {
        return "KILL " + id;
    }

    @Override
    public void backendFigures(Connection c, SqlEndpoint endpoint, SqlHealthCommand.Reading.Builder b) throws SQLException {
        Long history;
        try {
            history = HealthQueries.firstLong(c, "SELECT count FROM information_schema.innodb_metrics WHERE name = 'trx_rseg_history_len'");
        } catch (SQLException e) {
            if (e.getErrorCode() != ACCESS_DENIED) {
                throw e;
            }
            b.figure("InnoDB history length", "not readable: the user lacks the PROCESS privilege (GRANT PROCESS ON *.* TO the user; it also "
                    + "shows sessions idle in a transaction)");
            return;
        }
        b.figure("InnoDB history length", history == null ? "unknown" : history);
        if (history != null && history > HISTORY_LENGTH_WARNING) {
            b.warn("server " + endpoint.display(), "InnoDB history length " + history + ": purge is held back by an old transaction",
                    "find the oldest transaction (SELECT * FROM information_schema.innodb_trx ORDER BY trx_started) and end it (KILL its thread)");
        }
    }
}
