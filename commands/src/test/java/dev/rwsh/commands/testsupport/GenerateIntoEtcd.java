package dev.rwsh.commands.testsupport;

import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.generator.GeneratedCluster;

/**
 * Writes a generated cluster into an etcd, for trying rwsh by hand and for benchmarks:
 * {@code GenerateIntoEtcd HOST:PORT [SEED [SCALE_JOBS [NODES PER_NODE]]]}. Never point it at the
 * shared test etcd: RisingWave's keys have fixed names.
 */
public final class GenerateIntoEtcd {
    private GenerateIntoEtcd() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: GenerateIntoEtcd HOST:PORT [SEED [SCALE_JOBS [NODES PER_NODE]]]");
            System.exit(2);
        }
        ClusterGenerator.Options options = ClusterGenerator.Options.small(args.length > 1 ? Long.parseLong(args[1]) : 1)
                .withElectionLease(3600);
        if (args.length > 2) {
            options = options.withScale(Integer.parseInt(args[2]));
        }
        if (args.length > 4) {
            options = options.withNodes(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        }
        long start = System.nanoTime();
        GeneratedCluster g;
        try (EtcdKeyValueSink sink = new EtcdKeyValueSink(args[0])) {
            g = ClusterGenerator.generate(options, sink);
        }
        System.out.printf("wrote %d keys, %d bytes (%d jobs, %d fragments, %d actors, %d gzip values) in %.1f s%n", g.totalKeys(), g.totalBytes(),
                g.jobs(), g.fragments(), g.actors(), g.compressedValues(), (System.nanoTime() - start) / 1e9);
    }
}
