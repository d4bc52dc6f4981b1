package dev.rwsh.commands.testsupport;

import dev.rwsh.commands.etcd.EtcdConnectOptions;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdConnector;
import dev.rwsh.commands.etcd.EtcdEndpoints;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.diff.DiffCommand;
import dev.rwsh.commands.diff.CategoryDiff;
import dev.rwsh.commands.diff.DiffResult;
import dev.rwsh.commands.migrate.MigrateCommand;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The diff benchmark (docs/performance.md, "Diff"). {@code DiffBench migrate ETCD SQL_URL}
 * migrates the etcd (filled by {@link GenerateIntoEtcd}) into the SQL store;
 * {@code DiffBench diff ETCD SQL_URL [RUNS]} times {@code diff} (best of RUNS) and samples the
 * used heap every 5 ms during the runs, printing the peak. Run the diff in its own JVM with the
 * heap cap to try ({@code -Xmx}).
 */
public final class DiffBench {
    private DiffBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: DiffBench migrate|diff ETCD SQL_URL [RUNS]");
            System.exit(2);
        }
        try (EtcdConnection etcd = EtcdConnector.connect(new EtcdConnectOptions(EtcdEndpoints.parse(args[1], false), null, null, null));
                SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(args[2]))) {
            if (args[0].equals("migrate")) {
                long t0 = System.nanoTime();
                MigrateCommand.MigrateResult r = MigrateCommand.run(EtcdSnapshot.open(etcd), "etcd " + args[1], sql,
                        new MigrateCommand.Options(true, false, null, true), MigrationListener.NONE); // the generated meta node's lease is live
                System.out.printf("migrate: %s, %d rows in %.1f s%n", r.run().state(), r.run().rows().values().stream().mapToLong(Long::longValue).sum(),
                        (System.nanoTime() - t0) / 1e9);
                return;
            }
            int runs = args.length > 3 ? Integer.parseInt(args[3]) : 1;
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            System.gc();
            long base = mem.getHeapMemoryUsage().getUsed();
            sampler.start();
            double best = Double.MAX_VALUE;
            DiffResult r = null;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                r = DiffCommand.run(EtcdSnapshot.open(etcd), "etcd " + args[1], sql, new DiffCommand.Options(false, null, 50));
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            sampler.interrupt();
            long rows = r.categories().stream().mapToLong(CategoryDiff::etcd).sum();
            System.out.printf("diff: %s, %d rows compared (actors %d, fragments %d), best of %d: %.2f s, peak heap used %d MiB (%d MiB before), max heap %d MiB%n",
                    r.clean() ? "clean" : "DIFFERENCES", rows, count(r, "actor"), count(r, "fragment"), runs, best, peak.get() >> 20, base >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static long count(DiffResult r, String category) {
        return r.categories().stream().filter(c -> c.category().equals(category)).mapToLong(CategoryDiff::etcd).sum();
    }
}
