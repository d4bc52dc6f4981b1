package dev.rwsh.generator;

import static dev.rwsh.generator.Columns.Col;

import com.google.protobuf.Message;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaValues;
import dev.rwsh.commands.meta.ProstEncoder;
import dev.rwsh.proto.catalog.Schema;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.meta.TableFragments;
import dev.rwsh.proto.meta.TableParallelism;
import dev.rwsh.proto.user.UserInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The state every family of keys shares: the options, the seeded random, the id generators, what
 * was made so far (the counts {@link GeneratedCluster} reports) and the writing of each key to the
 * sink. The families build on it one layer each ({@link ClusterKeys}, {@link HummockState},
 * {@link StreamJobs}, {@link CatalogObjects}, {@link StreamingRelations}) and {@link ClusterGenerator}
 * tells the story; one object, because the order of its calls fixes every byte.
 */
abstract class GeneratorState {
    /** 2021-04-01T00:00:00Z, where RisingWave epochs start. */
    static final long EPOCH_ORIGIN_MS = 1_617_235_200_000L;
    /** When the modelled cluster was created: 2024-06-03T09:00:00Z. */
    static final long CREATED_MS = 1_717_405_200_000L;
    static final String V1_9 = "1.9.1";
    static final String V2_0 = "2.0.7";
    static final int ROOT = 1;
    static final int POSTGRES = 2;
    static final int STATE_DEFAULT_GROUP = 2;
    static final int MATERIALIZED_VIEW_GROUP = 3;

    final ClusterGenerator.Options options;
    final KeyValueSink sink;
    final SplittableRandom random;
    final Map<String, IdGenerator> ids = new LinkedHashMap<>();
    final Map<String, Long> keysPerFamily = new TreeMap<>();
    final Map<String, Integer> objects = new TreeMap<>();
    final List<Integer> computeWorkers = new ArrayList<>();
    /** State tables by compaction group, for hummock. */
    final Map<Integer, List<Integer>> tablesByGroup = new TreeMap<>();
    final Map<Integer, Schema> schemas = new LinkedHashMap<>();
    long nowMs = CREATED_MS;
    long operatorIds = 1;
    long totalKeys;
    long totalBytes;
    int compressed;
    int largest;
    int jobs;
    long fragments;
    long actors;
    String clusterVersion = V1_9;
    int frontendId;
    int compactorId;
    int wideViewId;
    final Map<Integer, UserInfo.Builder> users = new LinkedHashMap<>();
    final List<Pending> pendingJobs = new ArrayList<>();
    final List<Integer> viewIds = new ArrayList<>();
    final List<Integer> subscriptionIds = new ArrayList<>();

    GeneratorState(ClusterGenerator.Options options, KeyValueSink sink) {
        this.options = options;
        this.sink = sink;
        this.random = new SplittableRandom(options.seed());
        for (Object[] g : new Object[][] {{"database", 0L}, {"schema", 0L}, {"table", 1L}, {"function", 0L}, {"worker", 1L},
                {"fragment", 1L}, {"actor", 1L}, {"user", 11L}, {"backup", 1L}, {"hummock_ss_table_id", 1L},
                {"hummock_compaction_task", 1L}, {"compaction_group", 5L}, {"connection", 0L}, {"secret", 0L}}) {
            ids.put((String) g[0], new IdGenerator((String) g[0], (Long) g[1]));
        }
    }

    /** A relation with a materialize fragment others can read from. */
    record Rel(int id, String name, List<Col> cols, List<Integer> pk, Table catalog, StreamJobBuilder.Frag mview) {
    }

    /** A job whose fragments are written once no later job adds dispatchers to them. */
    record Pending(StreamJobBuilder job, TableFragments.State state, TableParallelism parallelism, StreamJobBuilder.Splits splits) {
    }

    long id(String category) {
        return ids.get(category).next();
    }

    String uuid() {
        long hi = random.nextLong();
        long lo = random.nextLong();
        hi = (hi & ~0xf000L) | 0x4000L; // version 4
        lo = (lo & 0x3fffffffffffffffL) | 0x8000000000000000L; // IETF variant
        return new UUID(hi, lo).toString();
    }

    void putModel(ColumnFamily family, byte[] keyBytes, Message value) {
        byte[] encoded = MetaValues.encodeModel(ProstEncoder.encode(value));
        if (MetaValues.isGzip(encoded)) {
            compressed++;
        }
        putRaw(family.etcdKey(keyBytes), encoded, family.familyName());
    }

    void putRaw(byte[] key, byte[] value, String family) {
        sink.put(key, value);
        record(family, key.length + value.length);
        largest = Math.max(largest, value.length);
    }

    void record(String family, long bytes) {
        keysPerFamily.merge(family, 1L, Long::sum);
        totalKeys++;
        totalBytes += bytes;
    }

    void count(String kind) {
        objects.merge(kind, 1, Integer::sum);
    }
}
