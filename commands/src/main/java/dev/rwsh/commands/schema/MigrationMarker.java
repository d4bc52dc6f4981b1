package dev.rwsh.commands.schema;

import dev.rwsh.commands.sql.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * rwsh's own marker table, {@code rwsh_migration}: present only while a {@code migrate} into a
 * backend whose DDL commits at once (MySQL, MariaDB) is under way, or after such a run failed or
 * was killed. It holds one row saying when the run started, from which source and cluster, and the
 * last step it reached. {@code migrate} drops it on success. Schema status and check know it and
 * report a partial migration instead of a foreign table.
 */
public final class MigrationMarker {
    public static final String TABLE = "rwsh_migration";

    private MigrationMarker() {
    }

    /** The marker's row. */
    public record Mark(String state, String startedAt, String source, String clusterId, String step) {
        /** One line for messages. */
        public String describe() {
            return "a migrate started " + startedAt + " from " + source + " (cluster " + clusterId + ") did not finish (last step: " + step
                    + ", state " + state + ")";
        }
    }

    /** Whether the database has the marker table, and its row if it has one. */
    public static Optional<Mark> read(Connection c, SqlDialect dialect) throws SQLException {
        if (!dialect.relations(c).containsKey(TABLE)) {
            return Optional.empty();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + cols(dialect) + " FROM " + dialect.quote(TABLE))) {
            if (!rs.next()) {
                return Optional.of(new Mark("partial", "?", "?", "?", "?"));
            }
            return Optional.of(new Mark(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }
    }

    /** Creates the table if needed and replaces its row. Runs in the caller's transaction state. */
    public static void set(Connection c, SqlDialect dialect, Mark mark) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (!dialect.relations(c).containsKey(TABLE)) {
                s.execute("CREATE TABLE " + dialect.quote(TABLE) + " (" + dialect.quote("id") + " INTEGER PRIMARY KEY, " + dialect.quote("state")
                        + " VARCHAR(32) NOT NULL, " + dialect.quote("started_at") + " VARCHAR(64), " + dialect.quote("source") + " VARCHAR(512), "
                        + dialect.quote("cluster_id") + " VARCHAR(64), " + dialect.quote("step") + " VARCHAR(255))");
            }
            s.execute("DELETE FROM " + dialect.quote(TABLE));
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + dialect.quote(TABLE) + " (" + dialect.quote("id") + ", " + cols(dialect)
                + ") VALUES (1, ?, ?, ?, ?, ?)")) {
            p.setString(1, mark.state());
            p.setString(2, mark.startedAt());
            p.setString(3, mark.source());
            p.setString(4, mark.clusterId());
            p.setString(5, mark.step());
            p.executeUpdate();
        }
    }

    /** Updates the step the run reached. */
    public static void step(Connection c, SqlDialect dialect, String step) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + dialect.quote(TABLE) + " SET " + dialect.quote("step") + " = ?")) {
            p.setString(1, step);
            p.executeUpdate();
        }
    }

    public static void clear(Connection c, SqlDialect dialect) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + dialect.quote(TABLE));
        }
    }

    private static String cols(SqlDialect d) {
        return d.quote("state") + ", " + d.quote("started_at") + ", " + d.quote("source") + ", " + d.quote("cluster_id") + ", " + d.quote("step");
    }

    /**
     * What a target holds, for migrate: which of RisingWave's tables exist, rows beyond the seeds
     * per table, whether it is empty of RisingWave metadata (as {@code sql schema status} says), and
     * the partial-migration mark.
     */
    public record TargetState(List<String> present, List<String> others, Map<String, Long> rowsBeyondSeeds, boolean emptyOfMetadata,
            Optional<Mark> mark) {
    }

    public static TargetState targetState(Connection c, SqlDialect dialect) throws SQLException {
        StoreInspector.Store store = StoreInspector.read(c, dialect);
        Map<String, Long> counts = StoreInspector.rowCounts(c, dialect, store.present());
        Map<String, Long> beyond = new LinkedHashMap<>(StoreInspector.rowsBeyondSeeds(c, dialect, counts));
        boolean empty = beyond.values().stream().allMatch(n -> n == 0);
        return new TargetState(store.present(), store.others(), beyond, empty, read(c, dialect));
    }
}
