package dev.rwsh.generator;

import static dev.rwsh.generator.Columns.Col;
import static dev.rwsh.proto.data.DataType.TypeName.DECIMAL;
import static dev.rwsh.proto.data.DataType.TypeName.INT64;
import static dev.rwsh.proto.data.DataType.TypeName.TIMESTAMP;
import static dev.rwsh.proto.data.DataType.TypeName.TIMESTAMPTZ;
import static dev.rwsh.proto.data.DataType.TypeName.VARCHAR;

import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.proto.catalog.StreamJobStatus;
import dev.rwsh.proto.meta.TableParallelism;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes the etcd metadata of a realistic RisingWave v2.0.7 cluster, key for key and byte for byte as
 * its meta node encodes them (see docs/etcd-layout.md): users with privileges, the {@code dev}
 * database (id 0) and a second one, tables with internal tables, materialized views, an index, shared
 * and plain sources, a sink, a view, a function, a connection, a secret, a subscription, streaming
 * jobs with fragments, actors, dispatchers and vnode bitmaps, hummock state, counters and id
 * generators, system and session parameters, the cluster id and a leader election key.
 *
 * <p>The history it models: the cluster was created by v1.9.1, its meta node restarted once (so
 * the ids handed out after that start at the next thousand and pass 128, where the varint key
 * order stops following the numbers), then v2.0.7 created the rest. One materialized view is wide
 * enough that its streaming job encodes to more than 1 MiB and is stored gzip-compressed.
 * {@link Options#scaleJobs} adds that many more materialized views (in groups over their own
 * tables) for benchmarks. Output is a function of the options alone: the same seed gives the same
 * bytes.
 */
public final class ClusterGenerator extends StreamingRelations {
    public static final String META_ADDRESS = "risingwave-meta-0.risingwave-meta:5690";

    /**
     * @param seed makes the output; the same options give the same bytes
     * @param scaleJobs extra materialized views (each a streaming job of two fragments), grouped by
     *     {@code mvsPerTable} over tables of their own (each one more job)
     * @param computeNodes compute nodes; actors are spread over them
     * @param parallelismPerNode parallelism of each compute node; a hash fragment has
     *     computeNodes × parallelismPerNode actors
     * @param versionDeltas hummock version deltas (at least 3)
     * @param electionLeaseSeconds TTL of the leader's election lease (RisingWave's default is 30)
     */
    public record Options(long seed, int scaleJobs, int mvsPerTable, int computeNodes, int parallelismPerNode, int versionDeltas,
            long electionLeaseSeconds) {
        public Options {
            if (computeNodes < 1 || parallelismPerNode < 1 || mvsPerTable < 1 || versionDeltas < 3 || scaleJobs < 0) {
                throw new IllegalArgumentException("computeNodes, parallelismPerNode, mvsPerTable >= 1; versionDeltas >= 3; scaleJobs >= 0");
            }
        }

        /** The small cluster the tests and the demo use: 3 compute nodes of 4, 40 version deltas. */
        public static Options small(long seed) {
            return new Options(seed, 0, 20, 3, 4, 40, 30);
        }

        public Options withScale(int jobs) {
            return new Options(seed, jobs, mvsPerTable, computeNodes, parallelismPerNode, Math.max(versionDeltas, 40 + jobs / 10),
                    electionLeaseSeconds);
        }

        public Options withNodes(int nodes, int perNode) {
            return new Options(seed, scaleJobs, mvsPerTable, nodes, perNode, versionDeltas, electionLeaseSeconds);
        }

        public Options withElectionLease(long seconds) {
            return new Options(seed, scaleJobs, mvsPerTable, computeNodes, parallelismPerNode, versionDeltas, seconds);
        }
    }

    private ClusterGenerator(Options options, KeyValueSink sink) {
        super(options, sink);
    }

    public static GeneratedCluster generate(Options options, KeyValueSink sink) {
        return new ClusterGenerator(options, sink).run();
    }

    // ---------------------------------------------------------------------------------------------
    // The story
    // ---------------------------------------------------------------------------------------------

    private GeneratedCluster run() {
        String clusterId = uuid();
        putRaw(ColumnFamily.clusterIdKey(), clusterId.getBytes(StandardCharsets.US_ASCII), "cf/cluster_id");
        systemParams();
        sessionParams();
        workers();
        users();

        // Created by v1.9.1: the dev database, its schemas and the first objects.
        int dev = database("dev", ROOT);
        int devPublic = schemaOf(dev, "public");
        int staging = schema(dev, "staging", ROOT);
        int kafkaSecret = secret("kafka_password", dev, devPublic, ROOT);
        int pgSecret = secret("pg_password", dev, devPublic, ROOT);
        int link = connection("msk_privatelink", dev, devPublic, ROOT);
        function("add_tax", dev, devPublic, ROOT, "javascript", "export function add_tax(x) { return x * 1.08; }", null);

        Rel orders = table("orders", dev, devPublic, ROOT, List.of(Col.of("order_id", INT64), Col.of("customer_id", INT64),
                Col.of("amount", DECIMAL), Col.of("status", VARCHAR), Col.of("created_at", TIMESTAMPTZ)), List.of(0), false);
        Rel stats = aggregateView("order_stats", dev, devPublic, ROOT, orders, 1,
                "CREATE MATERIALIZED VIEW order_stats AS SELECT customer_id, count(*) AS orders, sum(amount) AS total FROM orders GROUP BY customer_id",
                List.of(Col.of("customer_id", INT64), Col.of("orders", INT64), Col.of("total", DECIMAL)),
                TableParallelism.newBuilder().setAdaptive(TableParallelism.AdaptiveParallelism.getDefaultInstance()).build(),
                StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        plainSource("clicks_src", dev, devPublic, ROOT, kafkaSecret);
        view("big_orders", dev, devPublic, ROOT, orders, "SELECT * FROM orders WHERE amount > 1000");

        // The meta node restarts: every generator continues at its stored ceiling.
        ids.values().forEach(IdGenerator::restart);
        clusterVersion = V2_0;
        nowMs += 86_400_000L * 30;

        index("orders_by_customer", dev, devPublic, ROOT, orders);
        sink("orders_sink", dev, devPublic, ROOT, orders, kafkaSecret, link);
        subscription("orders_sub", dev, devPublic, ROOT, orders);
        Rel cdc = sharedCdcSource("pg_cdc", dev, devPublic, ROOT, pgSecret);
        cdcTable("customers", dev, devPublic, ROOT, cdc, pgSecret);
        Rel events = connectorTable("events", dev, devPublic, ROOT, kafkaSecret);
        wideView("wide_mv", dev, staging, ROOT, events);

        int analytics = database("analytics", 11);
        int analyticsPublic = schemaOf(analytics, "public");
        function("py_score", analytics, analyticsPublic, 11, "python", "def py_score(x):\n    return x * 2\n", "embedded");
        Rel pageViews = table("page_views", analytics, analyticsPublic, 11, List.of(Columns.ROW_ID, Col.of("user_id", INT64),
                Col.of("url", VARCHAR), Col.of("referrer", VARCHAR), Col.of("viewed_at", TIMESTAMPTZ)), List.of(0), true);
        aggregateView("hourly_views", analytics, analyticsPublic, 11, pageViews, 2,
                "CREATE MATERIALIZED VIEW hourly_views AS SELECT url, count(*) AS views FROM page_views GROUP BY url",
                List.of(Col.of("url", VARCHAR), Col.of("views", INT64)),
                TableParallelism.newBuilder().setFixed(TableParallelism.FixedParallelism.newBuilder().setParallelism(4)).build(),
                StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        aggregateView("daily_revenue", analytics, analyticsPublic, 11, pageViews, 1,
                "CREATE MATERIALIZED VIEW daily_revenue AS SELECT user_id, count(*) AS visits FROM page_views GROUP BY user_id",
                List.of(Col.of("user_id", INT64), Col.of("visits", INT64)),
                TableParallelism.newBuilder().setAdaptive(TableParallelism.AdaptiveParallelism.getDefaultInstance()).build(),
                StreamJobStatus.STREAM_JOB_STATUS_CREATING);
        flushJobs();
        grants(dev, devPublic, analytics, analyticsPublic, orders, stats, pageViews);

        if (options.scaleJobs() > 0) {
            int bench = schema(analytics, "bench", 11);
            int made = 0;
            for (int g = 0; made < options.scaleJobs(); g++) {
                Rel base = table("bench_t" + g, analytics, bench, 11, List.of(Columns.ROW_ID, Col.of("k", INT64), Col.of("v", VARCHAR),
                        Col.of("ts", TIMESTAMP)), List.of(0), true);
                for (int i = 0; i < options.mvsPerTable() && made < options.scaleJobs(); i++, made++) {
                    aggregateView("bench_mv" + g + "_" + i, analytics, bench, 11, base, 1,
                            "CREATE MATERIALIZED VIEW bench_mv" + g + "_" + i + " AS SELECT k, count(*) AS n FROM bench_t" + g + " GROUP BY k",
                            List.of(Col.of("k", INT64), Col.of("n", INT64)),
                            TableParallelism.newBuilder().setAdaptive(TableParallelism.AdaptiveParallelism.getDefaultInstance()).build(),
                            StreamJobStatus.STREAM_JOB_STATUS_CREATED);
                }
                flushJobs();
            }
        }

        hummock();
        long lease = election();
        counters();
        sink.flush();
        return new GeneratedCluster(clusterId, Map.copyOf(keysPerFamily), totalKeys, totalBytes, Map.copyOf(objects), jobs, fragments,
                actors, compressed, largest, options.versionDeltas(), lease);
    }
}
