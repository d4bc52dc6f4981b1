package dev.rwsh.commands.migrate.write;

import com.google.protobuf.Message;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MessageRewriter;
import dev.rwsh.proto.hummock.CompactStatus;
import dev.rwsh.proto.hummock.CompactTaskAssignment;
import dev.rwsh.proto.hummock.CompactionGroup;
import dev.rwsh.proto.hummock.HummockPinnedSnapshot;
import dev.rwsh.proto.hummock.HummockPinnedVersion;
import dev.rwsh.proto.hummock.HummockVersionDelta;
import dev.rwsh.proto.hummock.HummockVersionStats;
import dev.rwsh.proto.hummock.KeyRange;
import java.sql.SQLException;
import java.util.Map;

/**
 * The hummock steps (pinned snapshots and versions, version deltas and stats, compaction configs,
 * statuses and tasks), streamed from the source families the plan only counts, and the hummock
 * sequences.
 */
final class HummockSteps extends StepGroup {
    HummockSteps(Shared shared) {
        super(shared);
    }

    void hummockPinnedSnapshots(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_PINNED_SNAPSHOT, TargetTable.HUMMOCK_PINNED_SNAPSHOT, m -> {
                    HummockPinnedSnapshot s = (HummockPinnedSnapshot) m;
                    return new Object[] {s.getContextId(), s.getMinimalPinnedSnapshot()};
                }, false);
    }

    void hummockPinnedVersions(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_PINNED_VERSION, TargetTable.HUMMOCK_PINNED_VERSION, m -> {
                    HummockPinnedVersion s = (HummockPinnedVersion) m;
                    return new Object[] {s.getContextId(), s.getMinPinnedId()};
                }, false);
    }

    void hummockVersionDeltas(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_VERSION_DELTA, TargetTable.HUMMOCK_VERSION_DELTA, m -> {
                    HummockVersionDelta v = (HummockVersionDelta) m;
                    return new Object[] {v.getId(), v.getPrevId(), v.getMaxCommittedEpoch(), v.getSafeEpoch(), v.getTrivialMove(),
                            Blobs.message(normalizeDelta(v))};
                }, false);
    }

    void hummockVersionStats(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_VERSION_STATS, TargetTable.HUMMOCK_VERSION_STATS, m -> {
            HummockVersionStats s = (HummockVersionStats) m;
            return new Object[] {s.getHummockVersionId(), Blobs.tableStats(s.getTableStatsMap())};
        }, true);
    }

    void compactionConfigs(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_COMPACTION_GROUP, TargetTable.COMPACTION_CONFIG, m -> {
            CompactionGroup g = (CompactionGroup) m;
            if (!g.hasCompactionConfig()) {
                throw new IllegalStateException("compaction group " + Long.toUnsignedString(g.getId()) + " has no config (v2.0.7 panics)");
            }
            return new Object[] {g.getId(), Blobs.message(g.getCompactionConfig())};
        }, false);
    }

    void compactionStatuses(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_COMPACT_STATUS, TargetTable.COMPACTION_STATUS, m -> {
            CompactStatus s = (CompactStatus) m;
            return new Object[] {s.getCompactionGroupId(), Blobs.array(s.getLevelHandlersList())};
        }, false);
    }

    void compactionTasks(String step) throws SQLException {
        simple(step, ColumnFamily.HUMMOCK_COMPACT_TASK, TargetTable.COMPACTION_TASK, m -> {
            CompactTaskAssignment t = (CompactTaskAssignment) m;
            if (!t.hasCompactTask()) {
                throw new IllegalStateException("a compaction task assignment has no task (v2.0.7 panics)");
            }
            return new Object[] {t.getCompactTask().getTaskId(), Blobs.message(t.getCompactTask()), t.getContextId()};
        }, false);
    }

    void hummockSequences(String step) throws SQLException {
        steps.begin(step, 4);
        try (RowSink.Rows b = batch(TargetTable.HUMMOCK_SEQUENCE)) {
            for (Map.Entry<String, Long> e : plan.hummockSequences().entrySet()) {
                b.add(e.getKey(), e.getValue());
            }
        }
        steps.end(4, 4, 0, 0);
    }

    interface RowOf {
        Object[] row(Message m);
    }

    private void simple(String step, ColumnFamily family, TargetTable table, RowOf rowOf, boolean firstOnly) throws SQLException {
        steps.begin(step, plan.rows().getOrDefault(table.name(), -1L));
        long[] n = {0, 0};
        bulk(out -> simpleRows(out, step, family, table, rowOf, firstOnly, n));
        steps.end(n[0], n[1], 0, 0);
    }

    private void simpleRows(RowSink out, String step, ColumnFamily family, TargetTable table, RowOf rowOf, boolean firstOnly, long[] n)
            throws SQLException {
        SQLException[] failure = {null};
        try (RowSink.Rows b = open(out, table, null)) {
            reader.scan(family, e -> {
                n[0]++;
                if (!e.ok()) {
                    // a family the plan only counts: its keys and values are first read here
                    throw RwshException.failed(family.familyName() + "/" + e.key() + ": " + e.error());
                }
                try {
                    b.add(rowOf.row(e.message()));
                } catch (SQLException ex) {
                    failure[0] = ex;
                    return false;
                }
                n[1]++;
                if (n[1] % Batch.SIZE == 0) {
                    steps.progress(step, n[1]);
                }
                return !firstOnly;
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }

    /** The SDK round trip of v2.0.7: an SST key range that is the infinite range (all fields default) comes out absent. */
    static Message normalizeDelta(Message m) {
        return MessageRewriter.rewrite(m, (f, v) -> !f.isRepeated() && v instanceof KeyRange k && k.getLeft().isEmpty() && k.getRight().isEmpty()
                && !k.getRightExclusive() ? null : normalizeDelta(v));
    }
}
