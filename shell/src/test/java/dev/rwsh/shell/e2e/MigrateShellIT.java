package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import dev.rwsh.commands.testsupport.TargetDump;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * migrate through scripts/rwsh: a real {@code kill -9} of the process in the middle of writing,
 * then what each backend is left with and that {@code migrate -f} gives the identical result.
 */
class MigrateShellIT {
    static EtcdServer server;
    @TempDir
    Path home;

    @BeforeAll
    static void writeCluster() throws Exception {
        server = EtcdServer.start();
        // big enough that writing takes a few seconds: ~150 jobs, ~10,000 actors
        server.generateStopped(ClusterGenerator.Options.small(5).withScale(150).withNodes(4, 8));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Rwsh.Run rwsh(String url, String... commands) throws Exception {
        return Rwsh.commands(home, server.endpoint(), url, commands);
    }

    /** Starts migrate -f, waits until the state file says it is writing streaming jobs, and kills it with SIGKILL. */
    private void killMidWay(String url) throws Exception {
        Path state = home.resolve(".rwsh/migrate-state.json");
        Files.deleteIfExists(state);
        ProcessBuilder pb = new ProcessBuilder(Rwsh.repo().resolve("scripts/rwsh").toString(), "--no-rc", "--etcd-endpoints", server.endpoint(),
                "--sql-endpoint", url, "-c", "migrate -f --yes").directory(home.toFile());
        pb.environment().put("HOME", home.toString());
        pb.redirectOutput(home.resolve("kill.out").toFile()).redirectErrorStream(true);
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            String text = Files.exists(state) ? Files.readString(state) : "";
            if (text.contains("\"step\" : \"streaming jobs\"")) {
                break;
            }
            assertTrue(p.isAlive(), "migrate ended before it reached the streaming jobs: " + Files.readString(home.resolve("kill.out")));
            assertTrue(System.nanoTime() < deadline, "migrate did not reach the streaming jobs");
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertTrue(p.isAlive(), "migrate finished before the kill; make the cluster bigger");
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by rwsh
        p.waitFor(20, TimeUnit.SECONDS);
    }

    private void killThenForce(String url, boolean atomic) throws Exception {
        try (SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(url))) {
            Rwsh.Run first = rwsh(url, "migrate");
            assertEquals(0, first.exit(), first.toString());
            Map<String, List<String>> reference = TargetDump.dump(sql);

            killMidWay(url);
            Rwsh.Run status = rwsh(url, "migrate status");
            assertTrue(status.out().contains("interrupted in step"), status.toString());
            if (atomic) {
                // one transaction: the killed run left the target exactly as it was
                assertEquals(reference, TargetDump.dump(sql));
            } else {
                // DDL committed at once: the target is marked partial, and everything says so
                assertTrue(TargetDump.dump(sql).containsKey("rwsh_migration"));
                assertTrue(status.out().contains("PARTIAL"), status.toString());
                Rwsh.Run schema = rwsh(url, "sql schema status");
                assertTrue(schema.out().contains("PARTIAL") && schema.out().contains("migrate -f"), schema.toString());
                Rwsh.Run partialCheck = rwsh(url, "sql schema check");
                assertEquals(3, partialCheck.exit(), partialCheck.toString());
                assertTrue(partialCheck.out().contains("partial migration"), partialCheck.toString());
                Rwsh.Run refused = rwsh(url, "migrate");
                assertEquals(1, refused.exit(), refused.toString());
                assertTrue(refused.err().contains("partial migration") && refused.err().contains("migrate -f"), refused.toString());
            }
            Rwsh.Run again = rwsh(url, "migrate -f --yes");
            assertEquals(0, again.exit(), again.toString());
            assertEquals(reference, TargetDump.dump(sql), "migrate -f after the kill did not give the identical result");
            Rwsh.Run check = rwsh(url, "sql schema check");
            assertEquals(0, check.exit(), check.toString());
        }
    }

    @Test
    void postgresKilledMidWayIsUntouchedAndForceRedoesIt() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.postgres()) {
            killThenForce(db.url(), true);
        }
    }

    @Test
    void mariadbKilledMidWayIsMarkedPartialAndForceRedoesIt() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.mysql()) {
            killThenForce(db.url(), false);
        }
    }

    @Test
    void sqliteKilledMidWayIsUntouchedAndForceRedoesIt(@TempDir Path dir) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.sqlite(dir)) {
            killThenForce(db.url(), true);
        }
    }

    @Test
    void forceNeedsConfirmationOutsideTheInteractiveShell(@TempDir Path dir) throws Exception {
        Rwsh.Run r = rwsh("sqlite://" + dir.resolve("m.db") + "?mode=rwc", "migrate -f");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("migrate -f needs confirmation: add --yes"), r.toString());
        Rwsh.Run help = rwsh("sqlite://" + dir.resolve("m.db") + "?mode=rwc", "help migrate");
        assertTrue(help.out().contains("--dry-run") && help.out().contains("--force"), help.toString());
    }
}
