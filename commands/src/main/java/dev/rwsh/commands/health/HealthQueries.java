package dev.rwsh.commands.health;

import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * What {@code sql health} asks one kind of server, from its own catalog views and pragmas. One
 * implementation per backend; MySQL and MariaDB share theirs (the views it reads exist in both).
 */
interface HealthQueries {
    /** A session idle in a transaction this long is reported. */
    long IDLE_IN_TRANSACTION_SECONDS = 10;
    /** A statement running this long is reported. */
    long LONG_RUNNING_SECONDS = 60;

    static HealthQueries of(SqlBackend backend) {
        return switch (backend) {
            case POSTGRES -> new PostgresHealth();
            case MYSQL -> new MysqlHealth();
            case SQLITE -> new SqliteHealth();
        };
    }

    String serverVersion(Connection c) throws SQLException;

    /** Connections in use and allowed; null when the backend has none (SQLite). */
    long[] connections(Connection c) throws SQLException;

    Long databaseBytes(Connection c, SqlEndpoint endpoint) throws SQLException;

    /** Bytes per table (indexes included where the server says), for the tables it knows. */
    Map<String, Long> tableBytes(Connection c) throws SQLException;

    /** Sessions idle in a transaction or running long, other than this one. */
    List<SqlHealthCommand.SessionStat> sessions(Connection c) throws SQLException;

    /** The statement that ends session {@code id}, for the fix. */
    String terminate(String id);

    /** The backend's own figures and their warnings; may add per-table figures to {@code tables} (dead rows, vacuum). */
    void backendFigures(Connection c, SqlEndpoint endpoint, SqlHealthCommand.Reading.Builder reading) throws SQLException;

    static Long firstLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }
    }

    static String firstString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** A query's (name, number) rows as a map, e.g. bytes per table. */
    static java.util.Map<String, Long> namedLongs(Connection c, String sql) throws SQLException {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
