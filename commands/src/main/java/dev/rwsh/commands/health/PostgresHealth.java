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

/** PostgreSQL: pg_settings, pg_stat_activity, pg_stat_user_tables, pg_stat_replication. */
final class PostgresHealth implements HealthQueries {
    /** Dead rows past this many, and past this share of the live ones, are a warning. */
    static final long DEAD_ROWS_WARNING = 10_000;
    static final double DEAD_SHARE_WARNING = 0.2;
    static final long REPLICATION_LAG_WARNING_SECONDS = 30;

    @Override
    public String serverVersion(Connection c) throws SQLException {
        return "PostgreSQL " + HealthQueries.firstString(c, "SHOW server_version");
    }

    @Override
    public long[] connections(Connection c) throws SQLException {
        long used = HealthQueries.firstLong(c, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'");
        long max = HealthQueries.firstLong(c, "SELECT (SELECT setting::bigint FROM pg_settings WHERE name = 'max_connections') - "
                + "(SELECT setting::bigint FROM pg_settings WHERE name = 'superuser_reserved_connections')");
        return new long[] {used, max};
    }

    @Override
    public Long databaseBytes(Connection c, SqlEndpoint endpoint) throws SQLException {
        return HealthQueries.firstLong(c, "SELECT pg_database_size(current_database())");
    }

    @Override
    public Map<String, Long> tableBytes(Connection c) throws SQLException {
        return HealthQueries.namedLongs(c, "SELECT relname, pg_total_relation_size(relid) FROM pg_stat_user_tables "
                + "WHERE schemaname = current_schema()");
    }

    @Override
    public List<SessionStat> sessions(Connection c) throws SQLException {
        List<SessionStat> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pid, usename, state, "
                + "EXTRACT(EPOCH FROM now() - CASE WHEN state = 'active' THEN query_start ELSE state_change END)::bigint, left(query, 80) "
                + "FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database() AND ("
                + "(state LIKE 'idle in transaction%' AND now() - state_change >= interval '" + IDLE_IN_TRANSACTION_SECONDS + " seconds') OR "
                + "(state = 'active' AND now() - query_start >= interval '" + LONG_RUNNING_SECONDS + " seconds')) ORDER BY 4 DESC")) {
            while (rs.next()) {
                out.add(new SessionStat(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
            }
        }
        return out;
    }

    @Override
    public String terminate(String id) {
        return "SELECT pg_terminate_backend(" + id + ")";
    }

    @Override
    public void backendFigures(Connection c, SqlEndpoint endpoint, SqlHealthCommand.Reading.Builder b) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT relname, n_live_tup, n_dead_tup, "
                + "to_char(GREATEST(last_autovacuum, last_vacuum) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM pg_stat_user_tables "
                + "WHERE schemaname = current_schema()")) {
            while (rs.next()) {
                String t = rs.getString(1);
                if (!b.tables().contains(t)) {
                    continue;
                }
                long live = rs.getLong(2);
                long dead = rs.getLong(3);
                b.tableDetail(t, dead, rs.getString(4));
                if (dead > DEAD_ROWS_WARNING && dead > DEAD_SHARE_WARNING * live) {
                    b.warn("table " + t, dead + " dead rows (" + live + " live): autovacuum is behind", "VACUUM ANALYZE \"" + t
                            + "\"; if it comes back, look for long transactions (sessions below) and autovacuum settings");
                }
            }
        }
        boolean standby = Boolean.TRUE.equals(queryBoolean(c, "SELECT pg_is_in_recovery()"));
        if (standby) {
            Long lag = HealthQueries.firstLong(c, "SELECT EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::bigint");
            b.figure("replication", "this server is a standby; replay lag " + (lag == null ? "unknown" : lag + " s"));
            if (lag != null && lag > REPLICATION_LAG_WARNING_SECONDS) {
                b.warn("server " + endpoint.display(), "a standby " + lag + " s behind its primary", "RisingWave's meta node writes: point it at "
                        + "the primary");
            }
            return;
        }
        List<String> replicas = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT application_name, client_addr, state, "
                + "EXTRACT(EPOCH FROM replay_lag)::bigint FROM pg_stat_replication")) {
            while (rs.next()) {
                long lag = rs.getLong(4);
                boolean known = !rs.wasNull();
                String name = rs.getString(1) + " (" + rs.getString(2) + ")";
                replicas.add(name + " " + rs.getString(3) + ", replay lag " + (known ? lag + " s" : "none reported"));
                if (known && lag > REPLICATION_LAG_WARNING_SECONDS) {
                    b.warn("replica " + name, "replay lag " + lag + " s", "check the replica's network and disk; a failover to it would lose "
                            + "the last " + lag + " s of metadata");
                }
            }
        }
        b.figure("replication", replicas.isEmpty() ? "no replica connected" : String.join("; ", replicas));
    }

    private static Boolean queryBoolean(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getBoolean(1) : null;
        }
    }
}
