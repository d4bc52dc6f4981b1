package dev.rwsh.commands.testsupport;

import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.diff.DiffCommand;
import dev.rwsh.commands.diff.CategoryDiff;
import dev.rwsh.commands.diff.DiffResult;
import dev.rwsh.commands.migrate.MigrateCommand;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * The diff benchmark of docs/performance.md ("Diff"; not a test): {@code DiffBench ETCD LABEL BACKEND}
 * migrates the etcd (filled by {@link MigrateBench}'s {@code generate}) into a scratch database of the
 * backend, then diffs the etcd against it. Migrate and diff each run twice and the second, warm run is
 * the one reported (BENCH_ONCE=1: each once, cold for the migration; the diff then shares the JIT's
 * work on reading etcd). Prints the wall time, the heap after collections ({@link HeapAfterGc}) and
 * the CPU times of both, then "bench-diff LABEL BACKEND: R x migrate", R = diff wall ÷ migrate wall.
 * BENCH_JFR=FILE records the measured diff. scripts/bench-diff runs it.
 */
public final class DiffBench {
    private DiffBench() {
    }

    /** One measured run: wall and CPU seconds, heap after collections. */
    private record Measured(double seconds, double clientCpu, double serverCpu, String heap) {
    }

    private interface Run<T> {
        T run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DiffBench ETCD LABEL sqlite|postgres|mysql");
            System.exit(2);
        }
        String endpoint = args[0];
        String label = args[1];
        String backend = args[2];
        boolean once = System.getenv("BENCH_ONCE") != null;
        Path dir = Files.createTempDirectory("rwsh-bench");
        boolean clean;
        try (EtcdConnection etcd = MigrateBench.connectEtcd(endpoint);
                ScratchDatabase db = switch (backend) {
                    case "postgres" -> ScratchDatabase.postgres();
                    case "mysql" -> ScratchDatabase.mysql();
                    default -> ScratchDatabase.sqlite(dir);
                };
                SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(db.url()))) {
            // -f after the first run: the store is then full; the generated meta node's lease is live
            Run<MigrateCommand.MigrateResult> migrate = new Run<>() {
                private boolean first = true;

                @Override
                public MigrateCommand.MigrateResult run() {
                    MigrateCommand.MigrateResult r = MigrateCommand.run(EtcdSnapshot.open(etcd), "bench", sql,
                            new MigrateCommand.Options(!first, false, null, true), MigrationListener.NONE);
                    first = false;
                    return r;
                }
            };
            Run<DiffResult> diff = () -> DiffCommand.run(EtcdSnapshot.open(etcd), "etcd " + endpoint, sql, new DiffCommand.Options(false, null, 50));
            BenchRecording.warmUp();
            if (!once) {
                migrate.run();
            }
            MigrateCommand.MigrateResult[] migrated = new MigrateCommand.MigrateResult[1];
            Measured m = measure(() -> migrated[0] = migrate.run(), false);
            long rows = migrated[0].run().rows().values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("   migrate: %s, %,d rows in %.1f s (cpu: rwsh %.1f s, database server %.1f s)%n", migrated[0].run().state(), rows,
                    m.seconds(), m.clientCpu(), m.serverCpu());
            if (!once) {
                diff.run();
            }
            DiffResult[] diffed = new DiffResult[1];
            Measured d = measure(() -> diffed[0] = diff.run(), true);
            DiffResult r = diffed[0];
            long compared = r.categories().stream().mapToLong(CategoryDiff::etcd).sum();
            System.out.printf("   diff: %s, %,d rows compared (actors %,d, fragments %,d) in %.1f s (cpu: rwsh %.1f s, database server %.1f s)%n",
                    r.clean() ? "clean" : "DIFFERENCES", compared, count(r, "actor"), count(r, "fragment"), d.seconds(), d.clientCpu(), d.serverCpu());
            // the row of docs/performance.md's table
            System.out.printf("| %s | %s | %,d | %.1f | %s | %.1f | %s | %.1f | %s | %.1f | %s | %.2f |%n", label, backend, compared, m.seconds(), m.heap(),
                    m.clientCpu(), MigrateBench.serverCpu(backend, m.serverCpu()), d.seconds(), d.heap(), d.clientCpu(),
                    MigrateBench.serverCpu(backend, d.serverCpu()), d.seconds() / m.seconds());
            System.out.printf("bench-diff %s %s: %.2f x migrate%n", label, backend, d.seconds() / m.seconds());
            clean = r.clean();
            if (!clean) {
                System.err.println("the diff found differences: the migration or the diff is wrong");
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(clean ? 0 : 1);
    }

    private static Measured measure(Run<?> run, boolean recorded) throws Exception {
        System.gc();
        long t = System.nanoTime();
        long clientCpu0 = MigrateBench.processCpuNanos();
        double serverCpu0 = MigrateBench.serverCpuSeconds();
        HeapAfterGc heap = new HeapAfterGc();
        try (heap; BenchRecording jfr = recorded ? BenchRecording.start() : null) {
            run.run();
        }
        return new Measured((System.nanoTime() - t) / 1e9, (MigrateBench.processCpuNanos() - clientCpu0) / 1e9,
                MigrateBench.serverCpuSeconds() - serverCpu0, heap.summary());
    }

    private static long count(DiffResult r, String category) {
        return r.categories().stream().filter(c -> c.category().equals(category)).mapToLong(CategoryDiff::etcd).sum();
    }
}
