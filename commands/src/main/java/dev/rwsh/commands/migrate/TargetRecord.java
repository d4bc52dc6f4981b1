package dev.rwsh.commands.migrate;

import dev.rwsh.commands.schema.TargetVerdict;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a target says of the last migrate by itself, whatever the local state file says: a run
 * holds its lock, it carries the partial mark, or it holds exactly the rows and cluster id that
 * run planned (complete: the mark is dropped and the cluster id written last), or something else.
 */
public final class TargetRecord {
    private TargetRecord() {
    }

    public enum State {
        /** a migration holds the target's lock */
        RUNNING,
        /** rwsh's partial-migration mark (MySQL/MariaDB) */
        PARTIAL,
        /** no mark, the run's cluster id and every table's planned row count */
        COMPLETE,
        /** RisingWave metadata that is not the run's result */
        OTHER_METADATA,
        /** nothing of RisingWave's but the seeds */
        EMPTY,
        /** a newer or incomplete RisingWave schema */
        FOREIGN_SCHEMA
    }

    /** @param detail one line, starting with where the tables live */
    public record View(State state, String detail) {
    }

    /** Reads the target of {@code last} (or of no run, when null). */
    public static View read(SqlConnection sql, MigrateCommand.RunState last) {
        return sql.withDialect("read the migration state of", (c, d) -> {
            String where = d.where(sql.endpoint());
            Optional<String> holder = d.targetLockHolder(c, sql.endpoint());
            if (holder.isPresent()) {
                return new View(State.RUNNING, "a migration holds the lock of " + where + ": " + holder.get());
            }
            TargetVerdict verdict = TargetVerdict.judge(c, d);
            return switch (verdict.kind()) {
                case PARTIAL -> new View(State.PARTIAL, where + " " + verdict.found());
                case NEWER_SCHEMA, INCOMPLETE_SCHEMA -> new View(State.FOREIGN_SCHEMA, where + " " + verdict.found() + "; " + verdict.repair());
                case EMPTY, SEEDS_ONLY -> new View(State.EMPTY, where + " " + verdict.found());
                case METADATA -> metadata(c, d, where, last);
            };
        });
    }

    private static View metadata(Connection c, SqlDialect d, String where, MigrateCommand.RunState last) throws SQLException {
        String cluster = clusterIdOf(c, d);
        if (last == null || last.rows() == null || last.clusterId() == null) {
            return new View(State.OTHER_METADATA, where + " holds RisingWave metadata of cluster " + cluster);
        }
        if (!last.clusterId().equals(cluster)) {
            return new View(State.OTHER_METADATA, where + " holds RisingWave metadata of cluster " + cluster + ", not of the run's cluster "
                    + last.clusterId());
        }
        Map<String, String> relations = d.relations(c);
        List<String> differ = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> e : last.rows().entrySet()) {
            long actual = relations.containsKey(e.getKey()) ? d.countRows(c, e.getKey()) : -1;
            total += e.getValue();
            if (actual != e.getValue()) {
                differ.add(e.getKey() + " " + actual + " of " + e.getValue());
            }
        }
        if (!differ.isEmpty()) {
            return new View(State.OTHER_METADATA, where + " holds metadata of cluster " + cluster + " whose row counts are not the run's plan ("
                    + String.join(", ", differ.subList(0, Math.min(4, differ.size()))) + (differ.size() > 4 ? ", ..." : "") + ")");
        }
        return new View(State.COMPLETE, where + " holds every row the run planned for cluster " + cluster + " (" + total + " rows in "
                + last.rows().size() + " tables) and no partial mark");
    }

    /** The cluster id a target holds, as text (a 16-byte binary UUID is read as one); null without a cluster row. */
    public static String clusterIdOf(Connection c, SqlDialect d) throws SQLException {
        if (!d.relations(c).containsKey("cluster")) {
            return null;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + d.quote("cluster_id") + " FROM " + d.quote("cluster"))) {
            if (!rs.next()) {
                return null;
            }
            Object v = rs.getObject(1);
            if (v instanceof byte[] b && b.length == 16) {
                java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b);
                return new java.util.UUID(bb.getLong(), bb.getLong()).toString();
            }
            return v == null ? null : v.toString();
        }
    }
}
