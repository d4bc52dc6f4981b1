package dev.rwsh.generator;

import com.google.protobuf.ByteString;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.proto.hummock.CompactStatus;
import dev.rwsh.proto.hummock.CompactTask;
import dev.rwsh.proto.hummock.CompactTaskAssignment;
import dev.rwsh.proto.hummock.CompactionConfig;
import dev.rwsh.proto.hummock.CompactionGroup;
import dev.rwsh.proto.hummock.GroupConstruct;
import dev.rwsh.proto.hummock.GroupDelta;
import dev.rwsh.proto.hummock.HummockPinnedSnapshot;
import dev.rwsh.proto.hummock.HummockPinnedVersion;
import dev.rwsh.proto.hummock.HummockVersionDelta;
import dev.rwsh.proto.hummock.HummockVersionStats;
import dev.rwsh.proto.hummock.InputLevel;
import dev.rwsh.proto.hummock.IntraLevelDelta;
import dev.rwsh.proto.hummock.KeyRange;
import dev.rwsh.proto.hummock.LevelHandler;
import dev.rwsh.proto.hummock.LevelType;
import dev.rwsh.proto.hummock.SstableInfo;
import dev.rwsh.proto.hummock.StateTableInfoDelta;
import dev.rwsh.proto.hummock.TableOption;
import dev.rwsh.proto.hummock.TableStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hummock's keys: the version deltas, pinned versions and snapshots, compaction groups, tasks and status. */
abstract class HummockState extends ClusterKeys {
    HummockState(ClusterGenerator.Options options, KeyValueSink sink) {
        super(options, sink);
    }

    void hummock() {
        int extraGroup = (int) id("compaction_group");
        List<Integer> all = new ArrayList<>();
        tablesByGroup.values().forEach(all::addAll);
        // The wide view got a compaction group of its own (create_compaction_group_for_mv).
        int moved = wideViewId;
        tablesByGroup.get(MATERIALIZED_VIEW_GROUP).remove(Integer.valueOf(moved));
        tablesByGroup.put(extraGroup, new ArrayList<>(List.of(moved)));

        long firstDelta = 4_000 + random.nextInt(1_000);
        long epoch = (nowMs - EPOCH_ORIGIN_MS) << 16;
        long deltaId = firstDelta;
        for (int d = 0; d < options.versionDeltas(); d++, deltaId++) {
            epoch += (1_000L << 16);
            HummockVersionDelta.Builder delta = HummockVersionDelta.newBuilder().setId(deltaId).setPrevId(deltaId - 1)
                    .setMaxCommittedEpoch(epoch).setSafeEpoch(epoch - (30_000L << 16));
            if (d == 0) {
                for (Map.Entry<Integer, List<Integer>> g : tablesByGroup.entrySet()) {
                    for (int t : g.getValue()) {
                        delta.putStateTableInfoDelta(t, StateTableInfoDelta.newBuilder().setCommittedEpoch(epoch).setSafeEpoch(epoch)
                                .setCompactionGroupId(g.getKey()).build());
                    }
                }
            } else if (d == 1) {
                delta.putGroupDeltas(extraGroup, HummockVersionDelta.GroupDeltas.newBuilder().addGroupDeltas(GroupDelta.newBuilder()
                        .setGroupConstruct(GroupConstruct.newBuilder().setGroupConfig(compactionConfig()).setParentGroupId(MATERIALIZED_VIEW_GROUP)
                                .addTableIds(moved).setGroupId(extraGroup).setNewSstStartId(id("hummock_ss_table_id"))
                                .setVersion(dev.rwsh.proto.hummock.CompatibilityVersion.NO_MEMBER_TABLE_IDS))).build());
            } else if (d % 7 == 6) {
                delta.setTrivialMove(true);
            } else {
                int group = d % 2 == 0 ? STATE_DEFAULT_GROUP : MATERIALIZED_VIEW_GROUP;
                List<Integer> tables = tablesByGroup.get(group);
                IntraLevelDelta.Builder l0 = IntraLevelDelta.newBuilder().setLevelIdx(0).setL0SubLevelId(epoch);
                for (int s = 0; s < 1 + d % 3; s++) {
                    l0.addInsertedTableInfos(sst(tables.subList(0, Math.min(tables.size(), 3 + s)), epoch));
                }
                delta.putGroupDeltas(group, HummockVersionDelta.GroupDeltas.newBuilder().addGroupDeltas(GroupDelta.newBuilder().setIntraLevel(l0)).build());
                for (int t : tables.subList(0, Math.min(tables.size(), 3))) {
                    delta.putStateTableInfoDelta(t, StateTableInfoDelta.newBuilder().setCommittedEpoch(epoch).setSafeEpoch(epoch - (30_000L << 16))
                            .setCompactionGroupId(group).build());
                }
            }
            putModel(ColumnFamily.HUMMOCK_VERSION_DELTA, MetaKeys.encodeId(deltaId), delta.build());
        }
        long lastDelta = deltaId - 1;
        List<Integer> contexts = new ArrayList<>(List.of(frontendId));
        contexts.addAll(computeWorkers);
        for (int w : contexts) {
            putModel(ColumnFamily.HUMMOCK_PINNED_VERSION, MetaKeys.encodeId(w),
                    HummockPinnedVersion.newBuilder().setContextId(w).setMinPinnedId(lastDelta - random.nextInt(3)).build());
            putModel(ColumnFamily.HUMMOCK_PINNED_SNAPSHOT, MetaKeys.encodeId(w),
                    HummockPinnedSnapshot.newBuilder().setContextId(w).setMinimalPinnedSnapshot(epoch - ((long) random.nextInt(3) << 16) * 1_000).build());
        }
        long taskId = id("hummock_compaction_task");
        List<Integer> mvTables = tablesByGroup.get(MATERIALIZED_VIEW_GROUP);
        SstableInfo a = sst(mvTables.subList(0, Math.min(2, mvTables.size())), epoch - (5_000L << 16));
        SstableInfo b = sst(mvTables.subList(0, Math.min(2, mvTables.size())), epoch - (4_000L << 16));
        SstableInfo c = sst(mvTables, epoch - (90_000L << 16));
        CompactTask.Builder task = CompactTask.newBuilder()
                .addInputSsts(InputLevel.newBuilder().setLevelIdx(0).setLevelType(LevelType.LEVEL_TYPE_NONOVERLAPPING).addTableInfos(a).addTableInfos(b))
                .addInputSsts(InputLevel.newBuilder().setLevelIdx(6).setLevelType(LevelType.LEVEL_TYPE_NONOVERLAPPING).addTableInfos(c))
                .setTaskId(taskId).setTargetLevel(6).setGcDeleteKeys(true).setBaseLevel(6).setTaskStatus(CompactTask.TaskStatus.PENDING)
                .setCompactionGroupId(MATERIALIZED_VIEW_GROUP).addAllExistingTableIds(mvTables).setCompressionAlgorithm(2)
                .setTargetFileSize(32L << 20).setCompactionFilterMask(6).setCurrentEpochTime(epoch).setTaskType(CompactTask.TaskType.DYNAMIC)
                .setMaxSubCompaction(4);
        for (int t : mvTables) {
            task.putTableOptions(t, TableOption.getDefaultInstance());
        }
        putModel(ColumnFamily.HUMMOCK_COMPACT_TASK, MetaKeys.encodeId(taskId),
                CompactTaskAssignment.newBuilder().setCompactTask(task).setContextId(compactorId).build());
        for (int group : tablesByGroup.keySet()) {
            CompactStatus.Builder status = CompactStatus.newBuilder().setCompactionGroupId(group);
            for (int level = 0; level <= 6; level++) {
                LevelHandler.Builder h = LevelHandler.newBuilder().setLevel(level);
                if (group == MATERIALIZED_VIEW_GROUP && (level == 0 || level == 6)) {
                    LevelHandler.RunningCompactTask.Builder running = LevelHandler.RunningCompactTask.newBuilder().setTaskId(taskId).setTargetLevel(6);
                    for (SstableInfo s : level == 0 ? List.of(a, b) : List.of(c)) {
                        running.addSsts(s.getSstId()).setTotalFileSize(running.getTotalFileSize() + s.getFileSize());
                    }
                    h.addTasks(running);
                }
                status.addLevelHandlers(h);
            }
            putModel(ColumnFamily.HUMMOCK_COMPACT_STATUS, MetaKeys.encodeId(group), status.build());
            putModel(ColumnFamily.HUMMOCK_COMPACTION_GROUP, MetaKeys.encodeId(group),
                    CompactionGroup.newBuilder().setId(group).setCompactionConfig(compactionConfig()).build());
        }
        HummockVersionStats.Builder stats = HummockVersionStats.newBuilder().setHummockVersionId(lastDelta);
        for (int t : all) {
            long keys = 1_000 + random.nextInt(1_000_000);
            stats.putTableStats(t, TableStats.newBuilder().setTotalKeyCount(keys).setTotalKeySize(keys * 24).setTotalValueSize(keys * 180).build());
        }
        putModel(ColumnFamily.HUMMOCK_VERSION_STATS, MetaKeys.encodeId(0), stats.build());
    }

    SstableInfo sst(List<Integer> tables, long epoch) {
        long id = id("hummock_ss_table_id");
        long size = 4L * 1024 * 1024 + random.nextInt(28 * 1024 * 1024);
        byte[] left = new byte[] {0, 0, 0, 0, 0, 0, 0, 0};
        java.nio.ByteBuffer.wrap(left).putInt(tables.get(0));
        byte[] right = left.clone();
        java.nio.ByteBuffer.wrap(right).putInt(tables.get(tables.size() - 1)).putInt(0xffff);
        return SstableInfo.newBuilder().setObjectId(id).setSstId(id)
                .setKeyRange(KeyRange.newBuilder().setLeft(ByteString.copyFrom(left)).setRight(ByteString.copyFrom(right)))
                .setFileSize(size).addAllTableIds(tables).setMetaOffset(size - 4096).setTotalKeyCount(size / 200).setMinEpoch(epoch - (1L << 16))
                .setMaxEpoch(epoch).setUncompressedFileSize(size * 3).setBloomFilterKind(dev.rwsh.proto.hummock.BloomFilterType.BLOCKED).build();
    }

    /** RisingWave v2.0.7's default compaction configuration. */
    static CompactionConfig compactionConfig() {
        return CompactionConfig.newBuilder().setMaxBytesForLevelBase(512L << 20).setMaxLevel(6).setMaxBytesForLevelMultiplier(5)
                .setMaxCompactionBytes(2L << 30).setSubLevelMaxCompactionBytes(128L << 20).setLevel0TierCompactFileNumber(12)
                .setCompactionMode(CompactionConfig.CompactionMode.RANGE)
                .addAllCompressionAlgorithm(List.of("None", "None", "None", "None", "Lz4", "Lz4", "Zstd"))
                .setTargetFileSizeBase(32L << 20).setCompactionFilterMask(6).setMaxSubCompaction(4).setMaxSpaceReclaimBytes(512L << 20)
                .setLevel0StopWriteThresholdSubLevelNumber(300).setLevel0MaxCompactFileNumber(100).setLevel0SubLevelCompactLevelCount(3)
                .setLevel0OverlappingSubLevelCompactLevelCount(12).setTombstoneReclaimRatio(40).setEnableEmergencyPicker(true)
                .setMaxL0CompactLevelCount(42).build();
    }
}
