package dev.rwsh.commands.inspect;

import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.Epochs;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.proto.common.WorkerNode;
import dev.rwsh.proto.hummock.CompactStatus;
import dev.rwsh.proto.hummock.CompactTaskAssignment;
import dev.rwsh.proto.hummock.CompactionGroup;
import dev.rwsh.proto.hummock.HummockPinnedSnapshot;
import dev.rwsh.proto.hummock.HummockPinnedVersion;
import dev.rwsh.proto.hummock.HummockVersionStats;
import dev.rwsh.proto.hummock.LevelHandler;
import dev.rwsh.proto.hummock.TableStats;
import dev.rwsh.proto.summary.VersionDeltaSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code hummock}: the storage metadata in etcd: version deltas (count, id range, whether they chain),
 * pinned versions and snapshots per worker, compaction groups with their status and running tasks,
 * compaction task assignments, and the version stats. Deltas are streamed with their SST lists skipped.
 */
public final class HummockCommand {
    private HummockCommand() {
    }

    /**
     * @param breaks deltas whose prev_id is not the id of the delta before them
     * @param lastCommittedEpoch the newest delta's max committed epoch, and its time
     */
    public record Deltas(long count, Long firstId, Long lastId, long breaks, long trivialMoves, Long lastCommittedEpoch, String lastCommittedAt) {
    }

    public record Pin(long contextId, String worker, long value, String time) {
    }

    public record Group(long id, long maxLevel, long targetFileSizeBase, String compressionAlgorithms, int levels, int runningTasks) {
    }

    public record Task(long taskId, long group, String status, String type, long context, String worker, int inputSsts, long targetLevel) {
    }

    public record Stats(long versionId, int tables, long totalKeys, long totalKeyBytes, long totalValueBytes) {
    }

    public record HummockResult(long revision, Deltas deltas, List<Pin> pinnedVersions, List<Pin> pinnedSnapshots, List<Group> compactionGroups,
            List<Task> compactionTasks, Stats versionStats, List<Problem> problems) implements CommandResult {
        @Override
        public List<TableView> tables() {
            List<TableView> out = new ArrayList<>();
            out.add(TableView.builder("version deltas", "deltas", "first id", "last id", "chain breaks", "trivial moves", "last committed epoch",
                    "committed at").row(deltas.count(), nz(deltas.firstId()), nz(deltas.lastId()), deltas.breaks(), deltas.trivialMoves(),
                            nz(deltas.lastCommittedEpoch()), nz(deltas.lastCommittedAt())).build());
            TableView.Builder pv = TableView.builder("pinned versions", "context", "worker", "min pinned version");
            pinnedVersions.forEach(p -> pv.row(p.contextId(), p.worker(), p.value()));
            out.add(pv.build());
            TableView.Builder ps = TableView.builder("pinned snapshots", "context", "worker", "min pinned epoch", "time");
            pinnedSnapshots.forEach(p -> ps.row(p.contextId(), p.worker(), p.value(), nz(p.time())));
            out.add(ps.build());
            TableView.Builder g = TableView.builder("compaction groups", "id", "max level", "target file size", "compression", "levels",
                    "running tasks");
            compactionGroups.forEach(x -> g.row(x.id(), x.maxLevel(), x.targetFileSizeBase(), x.compressionAlgorithms(), x.levels(), x.runningTasks()));
            out.add(g.build());
            TableView.Builder t = TableView.builder("compaction tasks", "task", "group", "status", "type", "context", "worker", "input ssts",
                    "target level");
            compactionTasks.forEach(x -> t.row(x.taskId(), x.group(), x.status(), x.type(), x.context(), x.worker(), x.inputSsts(), x.targetLevel()));
            out.add(t.build());
            if (versionStats != null) {
                out.add(TableView.builder("version stats", "version", "tables", "keys", "key bytes", "value bytes").row(versionStats.versionId(),
                        versionStats.tables(), versionStats.totalKeys(), versionStats.totalKeyBytes(), versionStats.totalValueBytes()).build());
            }
            if (!problems.isEmpty()) {
                TableView.Builder p = TableView.builder("problems", "problem");
                problems.forEach(x -> p.row(x.text()));
                out.add(p.build());
            }
            return out;
        }

        private static Object nz(Object o) {
            return o == null ? "" : o;
        }
    }

    public static HummockResult run(Keyspace keyspace) {
        MetaReader reader = new MetaReader(keyspace);
        List<Problem> problems = new ArrayList<>();
        Map<Integer, String> hosts = new HashMap<>();
        reader.scan(ColumnFamily.WORKER, e -> {
            if (e.ok()) {
                WorkerNode w = (WorkerNode) e.message();
                hosts.put(w.getId(), MetaKeys.hostText(w.getHost()));
            }
            return true;
        });

        // Deltas arrive in key order (varint bytes), not id order: collect ids, then check the chain.
        TreeMap<Long, Long> prevOf = new TreeMap<>(Long::compareUnsigned);
        long[] trivial = {0};
        VersionDeltaSummary[] newest = {null};
        reader.scan(ColumnFamily.HUMMOCK_VERSION_DELTA, MetaReader.DELTA_SUMMARY, e -> {
            if (!e.ok()) {
                problems.add(Problem.of(e));
                return true;
            }
            VersionDeltaSummary d = (VersionDeltaSummary) e.message();
            if (d.getId() != e.id()) {
                problems.add(Problem.warning(ColumnFamily.HUMMOCK_VERSION_DELTA.familyName(), e.key(), "the key says id " + e.key()
                        + ", the value says " + Long.toUnsignedString(d.getId())));
            }
            prevOf.put(d.getId(), d.getPrevId());
            if (d.getTrivialMove()) {
                trivial[0]++;
            }
            if (newest[0] == null || Long.compareUnsigned(d.getId(), newest[0].getId()) > 0) {
                newest[0] = d;
            }
            return true;
        });
        long breaks = 0;
        Long previous = null;
        for (Map.Entry<Long, Long> d : prevOf.entrySet()) {
            if (previous != null && d.getValue().longValue() != previous) {
                breaks++;
            }
            previous = d.getKey();
        }
        Deltas deltas = new Deltas(prevOf.size(), prevOf.isEmpty() ? null : prevOf.firstKey(), prevOf.isEmpty() ? null : prevOf.lastKey(), breaks,
                trivial[0], newest[0] == null ? null : newest[0].getMaxCommittedEpoch(),
                newest[0] == null ? null : Epochs.text(newest[0].getMaxCommittedEpoch()));

        List<Pin> versions = new ArrayList<>();
        scanModels(reader, ColumnFamily.HUMMOCK_PINNED_VERSION, problems, m -> {
            HummockPinnedVersion v = (HummockPinnedVersion) m;
            versions.add(new Pin(Integer.toUnsignedLong(v.getContextId()), hosts.getOrDefault(v.getContextId(), "(no such worker)"), v.getMinPinnedId(), null));
        });
        List<Pin> snapshots = new ArrayList<>();
        scanModels(reader, ColumnFamily.HUMMOCK_PINNED_SNAPSHOT, problems, m -> {
            HummockPinnedSnapshot s = (HummockPinnedSnapshot) m;
            snapshots.add(new Pin(Integer.toUnsignedLong(s.getContextId()), hosts.getOrDefault(s.getContextId(), "(no such worker)"), s.getMinimalPinnedSnapshot(),
                    Epochs.text(s.getMinimalPinnedSnapshot())));
        });
        Map<Long, CompactStatus> statuses = new TreeMap<>();
        scanModels(reader, ColumnFamily.HUMMOCK_COMPACT_STATUS, problems, m -> statuses.put(((CompactStatus) m).getCompactionGroupId(), (CompactStatus) m));
        List<Group> groups = new ArrayList<>();
        Map<Long, CompactionGroup> configs = new TreeMap<>();
        scanModels(reader, ColumnFamily.HUMMOCK_COMPACTION_GROUP, problems, m -> configs.put(((CompactionGroup) m).getId(), (CompactionGroup) m));
        TreeMap<Long, Boolean> groupIds = new TreeMap<>();
        configs.keySet().forEach(k -> groupIds.put(k, true));
        statuses.keySet().forEach(k -> groupIds.put(k, true));
        for (long id : groupIds.keySet()) {
            CompactionGroup c = configs.get(id);
            CompactStatus s = statuses.get(id);
            int running = 0;
            if (s != null) {
                for (LevelHandler h : s.getLevelHandlersList()) {
                    running += h.getTasksCount();
                }
            }
            if (c == null) {
                problems.add(Problem.warning(ColumnFamily.HUMMOCK_COMPACTION_GROUP.familyName(), Long.toString(id), "a compaction status without a group config"));
            }
            var cfg = c == null ? null : c.getCompactionConfig();
            groups.add(new Group(id, cfg == null ? 0 : cfg.getMaxLevel(), cfg == null ? 0 : cfg.getTargetFileSizeBase(),
                    cfg == null ? "" : String.join(",", cfg.getCompressionAlgorithmList()), s == null ? 0 : s.getLevelHandlersCount(), running));
        }
        List<Task> tasks = new ArrayList<>();
        scanModels(reader, ColumnFamily.HUMMOCK_COMPACT_TASK, problems, m -> {
            CompactTaskAssignment a = (CompactTaskAssignment) m;
            var t = a.getCompactTask();
            int inputs = t.getInputSstsList().stream().mapToInt(l -> l.getTableInfosCount()).sum();
            tasks.add(new Task(t.getTaskId(), t.getCompactionGroupId(), t.getTaskStatus().name().toLowerCase(Locale.ROOT),
                    t.getTaskType().name().toLowerCase(Locale.ROOT), a.getContextId(), hosts.getOrDefault(a.getContextId(), "(no such worker)"), inputs,
                    t.getTargetLevel()));
        });
        Stats[] stats = {null};
        scanModels(reader, ColumnFamily.HUMMOCK_VERSION_STATS, problems, m -> {
            HummockVersionStats s = (HummockVersionStats) m;
            long keys = 0;
            long keyBytes = 0;
            long valueBytes = 0;
            for (TableStats t : s.getTableStatsMap().values()) {
                keys += t.getTotalKeyCount();
                keyBytes += t.getTotalKeySize();
                valueBytes += t.getTotalValueSize();
            }
            stats[0] = new Stats(s.getHummockVersionId(), s.getTableStatsCount(), keys, keyBytes, valueBytes);
        });
        return new HummockResult(keyspace.revision(), deltas, versions, snapshots, groups, tasks, stats[0], problems);
    }

    private static void scanModels(MetaReader reader, ColumnFamily family, List<Problem> problems, java.util.function.Consumer<com.google.protobuf.Message> each) {
        reader.scan(family, e -> {
            if (!e.ok() || e.warning() != null) {
                problems.add(Problem.of(e));
            }
            if (e.ok()) {
                each.accept(e.message());
            }
            return true;
        });
    }
}
