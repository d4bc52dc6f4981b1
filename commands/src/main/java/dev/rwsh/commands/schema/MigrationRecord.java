package dev.rwsh.commands.schema;

import dev.rwsh.commands.sql.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * rwsh's provenance table, {@code rwsh_migrated_from}: one row written by a {@code migrate} as its
 * last write (inside the migration's transaction where the backend has one), saying which cluster
 * and which etcd revision the store was migrated from. {@code cutover} reads it to know what etcd
 * must still hold; {@code backup list} to match a backup with the store. RisingWave ignores it.
 */
public final class MigrationRecord {
    public static final String TABLE = "rwsh_migrated_from";

    private MigrationRecord() {
    }

    /** The row: the RisingWave cluster id, the source as migrate named it, the etcd revision read, when the migration finished. */
    public record Source(String clusterId, String source, long revision, String migratedAt) {
    }

    /** Replaces the table and its row. Runs in the caller's transaction state. */
    public static void write(Connection c, SqlDialect d, Source source) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + d.quote(TABLE));
            s.execute("CREATE TABLE " + d.quote(TABLE) + " (" + d.quote("id") + " INTEGER PRIMARY KEY, " + d.quote("cluster_id")
                    + " VARCHAR(64), " + d.quote("source") + " VARCHAR(512), " + d.quote("revision") + " BIGINT NOT NULL, "
                    + d.quote("migrated_at") + " VARCHAR(64))");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + d.quote(TABLE) + " (" + d.quote("id") + ", " + cols(d)
                + ") VALUES (1, ?, ?, ?, ?)")) {
            p.setString(1, source.clusterId());
            p.setString(2, source.source());
            p.setLong(3, source.revision());
            p.setString(4, source.migratedAt());
            p.executeUpdate();
        }
    }

    /** The row, when the store has the table and it has one. */
    public static Optional<Source> read(Connection c, SqlDialect d) throws SQLException {
        if (!d.relations(c).containsKey(TABLE)) {
            return Optional.empty();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + cols(d) + " FROM " + d.quote(TABLE))) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Source(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
        }
    }

    private static String cols(SqlDialect d) {
        return d.quote("cluster_id") + ", " + d.quote("source") + ", " + d.quote("revision") + ", " + d.quote("migrated_at");
    }
}
