package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.generator.GeneratedCluster;
import dev.rwsh.commands.testsupport.EtcdKeyValueSink;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/runbooks through scripts/rwsh -f, against a generated cluster in a private etcd (its meta node stopped). */
class RunbooksIT {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The small generated cluster, for the end-to-end runbook. */
    static EtcdServer server;
    static GeneratedCluster generated;
    /** A larger one, whose migration takes long enough to be killed half-way. */
    static EtcdServer large;
    @TempDir
    Path home;

    @BeforeAll
    static void writeCluster() throws Exception {
        server = EtcdServer.start();
        generated = stoppedCluster(server, ClusterGenerator.Options.small(13));
        large = EtcdServer.start();
        // 40,000 hummock version deltas: the data steps last seconds on MariaDB. (The foreign-key failure of
        // actor_dispatcher once seen with withScale came from a one-pass writer, fixed by 82da793; MigrateContract
        // guards it.)
        stoppedCluster(large, new ClusterGenerator.Options(14, 0, 20, 3, 4, 40_000, 3600));
    }

    static GeneratedCluster stoppedCluster(EtcdServer etcd, ClusterGenerator.Options options) throws Exception {
        try (EtcdKeyValueSink sink = new EtcdKeyValueSink(etcd.endpoint())) {
            GeneratedCluster g = ClusterGenerator.generate(options.withElectionLease(3600), sink);
            // A clean stop: the meta node resigned.
            sink.client().getLeaseClient().revoke(g.electionLease()).get(10, TimeUnit.SECONDS);
            return g;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (EtcdServer s : new EtcdServer[] {server, large}) {
            if (s != null) {
                s.close();
            }
        }
    }

    static String runbook(String name) {
        return Rwsh.repo().resolve("scripts/runbooks").resolve(name).toString();
    }

    @Test
    void theMigrateRunbookEndToEndIntoSqlite() throws Exception {
        Path db = home.resolve("meta.db");
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "-v", "ETCD=" + server.endpoint(), "-v", "SQL=sqlite://" + db + "?mode=rwc",
                "-v", "BACKUP_FILE=" + home.resolve("before-sql.rwshbk"), "-v", "CONFIG_STYLE=env", "-f", runbook("migrate.rwsh"));
        assertEquals(0, run.exit(), run.toString());
        String out = run.out();
        for (String step : List.of("== 1. backup", "== 2. preflight", "== 3. dry run", "== 4. migrate", "== 5. check", "== 6. settings of the meta node")) {
            assertTrue(out.contains(step), step + "\n" + out);
        }
        assertTrue(out.contains("preflight: etcd " + server.endpoint()) && out.contains(": ready, "), out);
        assertTrue(out.contains(home.resolve("before-sql.rwshbk") + " at revision "), out);
        assertTrue(out.contains("holds the last metadata write"), out);
        assertTrue(out.contains("dry run: validated, nothing written"), out);
        assertTrue(out.contains("complete and clean"), out);
        assertTrue(out.contains("RW_BACKEND='sqlite'"), out);
        assertTrue(out.contains("done: start RisingWave"), out);
        // The target really holds the cluster.
        Rwsh.Run check = Rwsh.run(home, null, "--no-rc", "--sql-endpoint", "sqlite://" + db + "?mode=ro", "-c",
                "sql query SELECT cluster_id FROM cluster --format json");
        assertEquals(0, check.exit(), check.toString());
        assertTrue(check.out().contains(generated.clusterId().replace("-", "")), check.out());
    }

    @Test
    void afterAMariadbMigrationKilledMidWayTheRunbookDiagnosesThenRepairs() throws Exception {
        try (ScratchDatabase maria = ScratchDatabase.mysql()) {
            Path state = home.resolve(".rwsh/migrate-state.json");
            long pid = startAndKillMidData(maria.url(), state);
            JsonNode killed = JSON.readTree(state.toFile());
            assertEquals("running", killed.get("state").asText());

            Rwsh.Run diagnose = Rwsh.run(home, null, "--no-rc", "-v", "ETCD=" + large.endpoint(), "-v", "SQL=" + maria.url(),
                    "-f", runbook("after-failure.rwsh"));
            assertEquals(2, diagnose.exit(), diagnose.toString());
            assertTrue(diagnose.out().contains("interrupted in step"), diagnose.out());
            assertTrue(diagnose.out().contains("(process " + pid + " is gone)"), diagnose.out());
            assertTrue(diagnose.out().contains("PARTIAL: a migrate started"), diagnose.out());
            assertTrue(diagnose.out().contains("partial") && diagnose.out().contains("migrate -f --yes"), diagnose.out());
            assertTrue(diagnose.err().contains("needs confirmation: add --yes"), diagnose.err());

            Rwsh.Run repair = Rwsh.run(home, null, "--no-rc", "--yes", "-v", "ETCD=" + large.endpoint(), "-v", "SQL=" + maria.url(),
                    "-f", runbook("after-failure.rwsh"));
            assertEquals(0, repair.exit(), repair.toString());
            assertTrue(repair.out().contains("--force: migrate -f will drop it and migrate again"), repair.out());
            assertTrue(repair.out().contains("complete and clean"), repair.out());
        }
    }

    /** Starts migrate through scripts/rwsh and kills its JVM with SIGKILL once it writes data; returns the JVM's pid. */
    private long startAndKillMidData(String url, Path state) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Rwsh.repo().resolve("scripts/rwsh").toString(), "--no-rc", "--etcd-endpoints", large.endpoint(),
                "--sql-endpoint", url, "-c", "migrate").directory(home.toFile());
        pb.environment().put("HOME", home.toString());
        pb.redirectOutput(home.resolve("kill.out").toFile()).redirectError(home.resolve("kill.err").toFile());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try {
            while (System.nanoTime() < deadline) {
                if (Files.exists(state)) {
                    JsonNode s;
                    try {
                        s = JSON.readTree(state.toFile());
                    } catch (java.io.IOException partlyWritten) {
                        continue;
                    }
                    String step = s.path("step").asText();
                    if ("running".equals(s.path("state").asText()) && !step.equals("read and validate") && !step.equals("schema")) {
                        long pid = s.get("pid").asLong();
                        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
                        p.waitFor(30, TimeUnit.SECONDS);
                        return pid;
                    }
                    if (!"running".equals(s.path("state").asText())) {
                        throw new IllegalStateException("migrate ended before it could be killed: " + s);
                    }
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("rwsh exited " + p.exitValue() + ": " + Files.readString(home.resolve("kill.err")));
                }
                Thread.sleep(10);
            }
            throw new IllegalStateException("migrate did not reach its data steps within 120 s");
        } finally {
            p.destroyForcibly();
        }
    }
}
