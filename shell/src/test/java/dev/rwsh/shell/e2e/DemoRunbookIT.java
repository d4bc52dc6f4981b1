package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.TargetDump;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, and the promise that a backup migrates exactly as the live etcd it came from. */
class DemoRunbookIT {
    static final Path SAMPLE = Rwsh.repo().resolve("scripts/sample/rw-v2.0.7-sample.rwshbak");
    @TempDir
    Path home;

    @Test
    void theDemoRunsEndToEndAndAgainOnEmbeddedDefaults() throws Exception {
        String demo = Rwsh.repo().resolve("scripts/demo.rwsh").toString();
        Rwsh.Run first = Rwsh.run(home, null, "--no-rc", "-v", "DEMO_DIR=" + home, "-f", demo);
        assertEquals(0, first.exit(), first.toString());
        assertTrue(first.out().contains("no differences"), first.out());
        assertTrue(first.out().contains("--backend sql"), first.out());
        // the last step: the cut-over check answers 'not yet' (nothing has run on the new store), and the demo still succeeds
        assertTrue(first.out().contains("not yet: no meta node has started on it"), first.out());
        assertTrue(first.out().indexOf("not yet: no meta node") < first.out().indexOf("== done"), first.out());
        assertTrue(Files.size(home.resolve("rwsh-demo-meta.db")) > 0);
        // Run again over its own result: the demo replaces what it made.
        Rwsh.Run again = Rwsh.run(home, null, "--no-rc", "-v", "DEMO_DIR=" + home, "-f", demo);
        assertEquals(0, again.exit(), again.toString());
        assertFalse(again.err().contains("error:"), again.err());
    }

    @Test
    void migratingTheBackupGivesTheSameRowsAsMigratingTheLiveEtcdItCameFrom() throws Exception {
        try (EtcdServer etcd = EtcdServer.start()) {
            Rwsh.Run restore = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", etcd.endpoint(),
                    "-c", "backup restore " + SAMPLE + " --yes");
            assertEquals(0, restore.exit(), restore.toString());
            Path live = home.resolve("from-live.db");
            Path backup = home.resolve("from-backup.db");
            Rwsh.Run fromLive = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", etcd.endpoint(),
                    "--sql-endpoint", "sqlite://" + live + "?mode=rwc", "-c", "migrate");
            assertEquals(0, fromLive.exit(), fromLive.toString());
            Rwsh.Run fromBackup = Rwsh.run(home, null, "--no-rc", "--etcd-backup", SAMPLE.toString(),
                    "--sql-endpoint", "sqlite://" + backup + "?mode=rwc", "-c", "migrate");
            assertEquals(0, fromBackup.exit(), fromBackup.toString());
            Map<String, List<String>> a = dump(live);
            Map<String, List<String>> b = dump(backup);
            assertTrue(a.getOrDefault("actor", List.of()).size() > 0, "nothing migrated: " + a.keySet());
            assertEquals(a, b);
        }
    }

    private static Map<String, List<String>> dump(Path sqlite) throws Exception {
        try (SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse("sqlite://" + sqlite + "?mode=rw"))) {
            return TargetDump.dump(sql);
        }
    }
}
