package dev.rwsh.commands.testsupport;

import dev.rwsh.commands.etcd.EtcdConnectOptions;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdConnector;
import dev.rwsh.commands.etcd.EtcdEndpoints;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.generator.GeneratedCluster;
import dev.rwsh.commands.migrate.MigrateCommand;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Random;

/**
 * The migration benchmark of docs/performance.md (not a test):
 * {@code MigrateBench ETCD LABEL SCALE_JOBS NODES PER_NODE DELTAS generate|reuse [BACKENDS]}. Puts a
 * generated cluster into the (private, empty) etcd when asked, measures the floor (a plain range read
 * of every key; a bare batched insert of as many rows and bytes as the migration writes), then
 * migrates into each backend twice (the second run, with -f, is the one reported: warm JIT;
 * BENCH_ONCE=1: one cold run) and prints wall time, rows/s, the heap after garbage collections
 * ({@link HeapAfterGc}), CPU times and the ratios to the floors; with BENCH_SAME_ROWS=1, last, one
 * line per backend: "bench-migrate LABEL BACKEND: R x same-rows floor". scripts/bench-migrate runs it.
 */
public final class MigrateBench {
    private MigrateBench() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String label = args[1];
        int scale = Integer.parseInt(args[2]);
        int nodes = Integer.parseInt(args[3]);
        int perNode = Integer.parseInt(args[4]);
        int deltas = Integer.parseInt(args[5]);
        List<String> backends = List.of((args.length > 7 ? args[7] : "sqlite,postgres,mysql").split(","));
        if (args[6].equals("generate")) {
            long t = System.nanoTime();
            try (EtcdKeyValueSink sink = new EtcdKeyValueSink(endpoint)) {
                GeneratedCluster g = ClusterGenerator.generate(new ClusterGenerator.Options(1, scale, 20, nodes, perNode, deltas, 3600), sink);
                System.out.printf("generated %s: %d keys, %.1f MB, %d jobs, %d fragments, %d actors, %d deltas in %.1f s%n", label, g.totalKeys(),
                        g.totalBytes() / 1e6, g.jobs(), g.fragments(), g.actors(), g.versionDeltas(), (System.nanoTime() - t) / 1e9);
            }
        }
        try (EtcdConnection etcd = connectEtcd(endpoint)) {
            long[] read = floorRead(etcd);
            if (System.getenv("BENCH_ONCE") == null) {
                floorRead(etcd);
                read = floorRead(etcd); // warm
            }
            double readSeconds = read[2] / 1e9;
            System.out.printf("floor read %s: %d keys, %.1f MB in %.2f s%n", label, read[0], read[1] / 1e6, readSeconds);
            List<String> verdicts = new java.util.ArrayList<>();
            for (String backend : backends) {
                if (backend.equals("none")) {
                    continue;
                }
                Path dir = Files.createTempDirectory("rwsh-bench");
                try (ScratchDatabase db = switch (backend) {
                    case "postgres" -> ScratchDatabase.postgres();
                    case "mysql" -> ScratchDatabase.mysql();
                    default -> ScratchDatabase.sqlite(dir);
                }; SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(db.url() + endpointParams(backend)))) {
                    // BENCH_ONCE: one (cold) run only, for the largest scale
                    boolean once = System.getenv("BENCH_ONCE") != null;
                    BenchRecording.warmUp();
                    long rows = 0;
                    if (!once) {
                        MigrateCommand.Options cold = new MigrateCommand.Options(false, false, null, true); // the generated meta node's lease is live
                        Keyspace ks = EtcdSnapshot.open(etcd);
                        MigrateCommand.MigrateResult first = MigrateCommand.run(ks, "bench", sql, cold, MigrationListener.NONE);
                        rows = first.run().rows().values().stream().mapToLong(Long::longValue).sum();
                    }
                    System.gc();
                    long t = System.nanoTime();
                    long clientCpu0 = processCpuNanos();
                    double serverCpu0 = serverCpuSeconds();
                    dev.rwsh.commands.migrate.write.Batch.EXECUTE_NANOS.set(0);
                    MigrateCommand.MigrateResult warm;
                    HeapAfterGc heap = new HeapAfterGc();
                    try (heap; BenchRecording jfr = BenchRecording.start()) {
                        warm = MigrateCommand.run(EtcdSnapshot.open(etcd), "bench", sql, new MigrateCommand.Options(true, false, null, true),
                                MigrationListener.NONE);
                    }
                    double seconds = (System.nanoTime() - t) / 1e9;
                    double clientCpu = (processCpuNanos() - clientCpu0) / 1e9;
                    double serverCpu = serverCpuSeconds() - serverCpu0;
                    if (System.getenv("BENCH_STEPS") != null) {
                        System.out.printf("   executeBatch total %.3f s%n", dev.rwsh.commands.migrate.write.Batch.EXECUTE_NANOS.get() / 1e9);
                        warm.run().steps().stream().filter(st -> st.seconds() > 0.05)
                                .forEach(st -> System.out.printf("   step %-24s %8.3f s %8d rows%n", st.step(), st.seconds(), st.rowsWritten()));
                    }
                    System.out.printf("   cpu: rwsh %.1f s, database server %.1f s, wall %.1f s%n", clientCpu, serverCpu, seconds);
                    rows = warm.run().rows().values().stream().mapToLong(Long::longValue).sum();
                    double sameRows = Double.NaN;
                    if (System.getenv("BENCH_SAME_ROWS") != null) {
                        sameRows = sameRowsFloor(sql);
                        System.out.printf("   same-rows floor: %.2f s to bulk insert the migrated rows again (no foreign keys, no indexes but SQLite's/MySQL's own)%n",
                                sameRows);
                    }
                    double insert = floorInsert(sql, rows, read[1] / Math.max(1, rows));
                    double floor = readSeconds + insert;
                    double sameRowsRatio = seconds / (readSeconds + sameRows);
                    // the row of docs/performance.md's table
                    System.out.printf("| %s | %s | %,d | %.1f | %,.0f | %s | %.1f | %s | %.2f | %.1f | %.2f + %.2f | %.2f |%n", label, backend, rows, seconds,
                            rows / seconds, heap.summary(), clientCpu, serverCpu(backend, serverCpu), floor, seconds / floor, readSeconds, sameRows,
                            sameRowsRatio);
                    if (!Double.isNaN(sameRows)) {
                        verdicts.add(String.format("bench-migrate %s %s: %.2f x same-rows floor", label, backend, sameRowsRatio));
                    }
                } finally {
                    try (var files = Files.walk(dir)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
            verdicts.forEach(System.out::println);
        }
        System.exit(0);
    }

    /**
     * The benchmark's etcd, with every call bounded by 60 s instead of 5 s: on a machine loaded by
     * other work the first connection and the largest pages (3 MB values at L) can take longer.
     */
    static EtcdConnection connectEtcd(String endpoint) {
        return EtcdConnector.connect(new EtcdConnectOptions(EtcdEndpoints.parse(endpoint, false), null, null, java.time.Duration.ofSeconds(60)));
    }

    /** keys, bytes, nanos of reading every key with its value at one revision, in pages. */
    static long[] floorRead(EtcdConnection etcd) {
        Keyspace ks = EtcdSnapshot.open(etcd);
        long[] out = new long[3];
        long t = System.nanoTime();
        ks.scan(new byte[0], false, kv -> {
            out[0]++;
            out[1] += kv.key().length + kv.value().length;
            return true;
        });
        out[2] = System.nanoTime() - t;
        return out;
    }

    /** Seconds to insert {@code rows} rows of (int, int, blob of avgBytes, varchar) in batches of 1,000, one transaction. */
    static double floorInsert(SqlConnection sql, long rows, long avgBytes) throws Exception {
        String blob = switch (sql.backend()) {
            case POSTGRES -> "bytea";
            case MYSQL -> "longblob";
            case SQLITE -> "blob";
        };
        byte[] payload = new byte[(int) Math.max(1, Math.min(avgBytes, 1 << 20))];
        new Random(1).nextBytes(payload);
        try (Connection c = sql.open()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE floor_insert (a integer primary key, b integer, c " + blob + ", d varchar(64))");
            }
            c.setAutoCommit(false);
            long t = System.nanoTime();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO floor_insert (a, b, c, d) VALUES (?, ?, ?, ?)")) {
                for (long i = 0; i < rows; i++) {
                    p.setInt(1, (int) i);
                    p.setInt(2, (int) (i * 7));
                    p.setBytes(3, payload);
                    p.setString(4, "row " + i);
                    p.addBatch();
                    if (i % 1000 == 999) {
                        p.executeBatch();
                    }
                }
                p.executeBatch();
            }
            c.commit();
            double seconds = (System.nanoTime() - t) / 1e9;
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE floor_insert");
            }
            return seconds;
        }
    }

    /**
     * Seconds to bulk insert exactly the rows the migration wrote, table by table, into bare copies
     * of the tables (same column types, so PostgreSQL still parses every jsonb value; no foreign
     * keys): PostgreSQL by COPY from a file written beforehand, SQLite and MySQL by INSERT ... SELECT.
     */
    static double sameRowsFloor(SqlConnection sql) throws Exception {
        List<String> tables = new java.util.ArrayList<>();
        try (Connection c = sql.open()) {
            try (var rs = c.getMetaData().getTables(null, sql.backend() == SqlBackend.POSTGRES ? "public" : null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String t = rs.getString("TABLE_NAME");
                    if (!t.startsWith("floor_") && !t.startsWith("seaql") && !t.startsWith("sqlite_")) {
                        tables.add(t);
                    }
                }
            }
            String q = sql.backend() == SqlBackend.MYSQL ? "`" : "\"";
            long nanos = 0;
            if (sql.backend() == SqlBackend.POSTGRES) {
                var copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
                Path dir = Files.createTempDirectory("rwsh-floor");
                for (String t : tables) {
                    try (var out = Files.newOutputStream(dir.resolve(t))) {
                        copy.copyOut("COPY " + q + t + q + " TO STDOUT", out);
                    }
                }
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL default_toast_compression = 'lz4'"); // as the migration's session
                    for (String t : tables) {
                        s.execute("CREATE TABLE floor_" + t + " (LIKE " + q + t + q + ")");
                    }
                }
                long t0 = System.nanoTime();
                for (String t : tables) {
                    try (var in = Files.newInputStream(dir.resolve(t))) {
                        copy.copyIn("COPY floor_" + t + " FROM STDIN", in);
                    }
                }
                c.commit();
                nanos = System.nanoTime() - t0;
                for (String t : tables) {
                    Files.delete(dir.resolve(t));
                }
                Files.delete(dir);
            } else {
                try (Statement s = c.createStatement()) {
                    for (String t : tables) {
                        s.execute(sql.backend() == SqlBackend.MYSQL ? "CREATE TABLE floor_" + t + " LIKE " + q + t + q
                                : "CREATE TABLE floor_" + t + " AS SELECT * FROM " + q + t + q + " WHERE 0");
                    }
                    c.setAutoCommit(false);
                    long t0 = System.nanoTime();
                    for (String t : tables) {
                        s.execute("INSERT INTO floor_" + t + " SELECT * FROM " + q + t + q);
                    }
                    c.commit();
                    nanos = System.nanoTime() - t0;
                }
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                for (String t : tables) {
                    s.execute("DROP TABLE floor_" + t);
                }
            }
            return nanos / 1e9;
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The database server's CPU seconds for a table: SQLite has no server (its engine runs in rwsh). */
    static String serverCpu(String backend, double seconds) {
        return backend.equals("sqlite") ? "—" : String.format("%.1f", seconds);
    }

    /**
     * CPU seconds (user + system) of the PostgreSQL and MariaDB/MySQL server processes of the test
     * services in RWSH_TEST_TMPDIR (the servers and their children, PostgreSQL's backends), from /proc;
     * NaN without it: other servers on a shared machine are not this run's.
     */
    static double serverCpuSeconds() {
        String serviceDir = System.getenv("RWSH_TEST_TMPDIR");
        if (serviceDir == null) {
            return Double.NaN;
        }
        java.util.Map<Long, long[]> servers = new java.util.HashMap<>(); // pid -> ppid, ticks, ours (1/0)
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (comm.startsWith("postgres") || comm.startsWith("mariadbd") || comm.startsWith("mysqld")) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                        boolean ours = new String(Files.readAllBytes(p.resolve("cmdline"))).contains(serviceDir);
                        servers.put(Long.parseLong(p.getFileName().toString()), new long[] {Long.parseLong(f[1]), ticks, ours ? 1 : 0});
                    }
                } catch (Exception gone) {
                    // the process ended while being read
                }
            }
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
        long ticks = 0;
        for (long[] s : servers.values()) {
            long[] parent = servers.get(s[0]);
            if (s[2] == 1 || (parent != null && parent[2] == 1)) {
                ticks += s[1];
            }
        }
        return ticks / 100.0; // USER_HZ
    }

    /** BENCH_MYSQL_PARAMS (e.g. allowLoadLocalInfile=false: the batched INSERT fallback, MySQL 8's default path) on the MySQL endpoint. */
    private static String endpointParams(String backend) {
        String params = System.getenv("BENCH_MYSQL_PARAMS");
        return backend.equals("mysql") && params != null && !params.isEmpty() ? "?" + params : "";
    }
}
