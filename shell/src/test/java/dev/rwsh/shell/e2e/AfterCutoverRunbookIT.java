package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.generator.GeneratedCluster;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.EtcdServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/runbooks/migrate.rwsh ending with the cut-over check, then scripts/runbooks/after-cutover.rwsh
 * before and after a meta node ran on the store, through scripts/rwsh -f against a private etcd; and
 * backup prune asking for confirmation where nobody can answer.
 */
class AfterCutoverRunbookIT {
    static EtcdServer server;
    static GeneratedCluster generated;
    @TempDir
    Path home;

    @BeforeAll
    static void writeCluster() throws Exception {
        server = EtcdServer.start();
        generated = RunbooksIT.stoppedCluster(server, ClusterGenerator.Options.small(19));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void migrateEndsWithNotYetThenAfterCutoverPassesOnceAMetaNodeRan() throws Exception {
        Path db = home.resolve("meta.db");
        String sql = "sqlite://" + db + "?mode=rwc";
        Path backups = Files.createDirectories(home.resolve("backups"));
        Rwsh.Run migrate = Rwsh.run(home, null, "--no-rc", "-v", "ETCD=" + server.endpoint(), "-v", "SQL=" + sql,
                "-v", "BACKUP_FILE=" + backups.resolve("before-sql.rwshbk"), "-f", RunbooksIT.runbook("migrate.rwsh"));
        assertEquals(0, migrate.exit(), migrate.toString());
        assertTrue(migrate.out().contains("== 7. cut-over check"), migrate.out());
        assertTrue(migrate.out().contains("not yet: no meta node has started on it"), migrate.out());
        assertTrue(migrate.out().contains("done: start RisingWave"), migrate.out());

        // a second, older-looking backup beside it: prune has something to delete once the check passes
        Files.copy(backups.resolve("before-sql.rwshbk"), backups.resolve("copy.rwshbk"));
        Files.writeString(backups.resolve("README.rwshbk"), "not a backup\n");

        String[] after = {"--no-rc", "-v", "ETCD=" + server.endpoint(), "-v", "SQL=" + sql, "-v", "BACKUP_DIR=" + backups, "-f",
                RunbooksIT.runbook("after-cutover.rwsh")};
        Rwsh.Run notYet = Rwsh.run(home, null, after);
        assertEquals(3, notYet.exit(), notYet.toString());
        assertTrue(notYet.out().contains("sql health: sqlite " + db), notYet.out());
        assertTrue(notYet.out().contains("not yet: no meta node has started on it"), notYet.out());
        assertFalse(notYet.out().contains("== 3. backups"), notYet.out());
        assertTrue(Files.exists(backups.resolve("copy.rwshbk")));

        // what a meta node does once it runs on the store: a new hummock version delta
        try (SqlConnection c = SqlConnector.connect(SqlEndpoint.parse(sql))) {
            c.withDialect("advance", (conn, d) -> {
                try (Statement s = conn.createStatement()) {
                    s.executeUpdate("INSERT INTO hummock_version_delta (id, prev_id, max_committed_epoch, safe_epoch, trivial_move) "
                            + "SELECT MAX(id) + 1, MAX(id), MAX(max_committed_epoch), MAX(safe_epoch), 0 FROM hummock_version_delta");
                }
                return null;
            });
        }
        Rwsh.Run safe = Rwsh.run(home, null, after);
        assertEquals(0, safe.exit(), safe.toString());
        assertTrue(safe.out().contains("safe to stop etcd"), safe.out());
        assertTrue(safe.out().contains("2 rwsh backup(s) in " + backups + " (1 other file(s) are not rwsh backups)"), safe.out());
        assertTrue(safe.out().contains("(keep the newest 1 per cluster): 1 deleted"), safe.out());
        assertTrue(safe.out().contains("done: etcd may be stopped now"), safe.out());
        long left = Files.list(backups).filter(p -> p.getFileName().toString().endsWith(".rwshbk")).count();
        assertEquals(2, left, "one backup and the README remain");
        assertTrue(Files.exists(backups.resolve("README.rwshbk")));
    }

    @Test
    void backupPruneAsksInTheInteractiveShell() throws Exception {
        Path backups = Files.createDirectories(home.resolve("asked"));
        Path sample = Rwsh.repo().resolve("scripts/sample/rw-v2.0.7-sample.rwshbak");
        Files.copy(sample, backups.resolve("a.rwshbak"));
        Files.copy(sample, backups.resolve("b.rwshbak"));
        String command = "cd " + home + " && HOME=" + home + " " + Rwsh.repo().resolve("scripts/rwsh") + " --no-rc";
        try (Tmux tmux = new Tmux(command)) {
            tmux.waitFor("rwsh>", 90);
            tmux.type("backup prune " + backups + " --keep 1");
            tmux.send("Enter");
            tmux.waitFor("Delete 1 backup file(s) from " + backups + " (keep the newest 1 per cluster)? Type 'yes' to go on:", 30);
            tmux.type("no");
            tmux.send("Enter");
            tmux.waitFor("backup prune cancelled: nothing was changed", 30);
            assertEquals(2, Files.list(backups).count());
            // clear the screen so that the second prompt is the only one on it
            tmux.send("C-l");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (tmux.screen().contains("cancelled") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            tmux.type("backup prune " + backups + " --keep 1");
            tmux.send("Enter");
            tmux.waitFor("(keep the newest 1 per cluster)? Type 'yes' to go on:", 30);
            tmux.type("yes");
            tmux.send("Enter");
            tmux.waitFor("(keep the newest 1 per cluster): 1 deleted", 30);
            tmux.type("exit");
            tmux.send("Enter");
        }
        assertEquals(1, Files.list(backups).count());
    }

    @Test
    void backupPruneNeedsConfirmationWhereNobodyCanAnswer() throws Exception {
        Path backups = Files.createDirectories(home.resolve("b"));
        Rwsh.Run save = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", server.endpoint(), "-c", "backup save --file " + backups.resolve("a.rwshbk"),
                "-c", "backup save --file " + backups.resolve("b.rwshbk"));
        assertEquals(0, save.exit(), save.toString());
        Rwsh.Run prune = Rwsh.run(home, null, "--no-rc", "-c", "backup prune " + backups + " --keep 1");
        assertEquals(2, prune.exit(), prune.toString());
        assertTrue(prune.err().contains("backup prune needs confirmation: add --yes"), prune.err());
        assertEquals(2, Files.list(backups).count());
        Rwsh.Run json = Rwsh.run(home, null, "--no-rc", "-c", "backup list " + backups + " --format json");
        assertEquals(0, json.exit(), json.toString());
        assertTrue(json.out().contains("\"cluster_id\":\"" + generated.clusterId() + "\"") || json.out().contains("\"cluster_id\" : \""
                + generated.clusterId() + "\""), json.out());
    }
}
