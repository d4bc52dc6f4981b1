package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.testsupport.EtcdServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long commands draw progress in a real terminal (tmux) and the shell's output survives them: each
 * command's result and the next command's output are on the screen (issue 12: a progress bar once
 * pointed standard output at /dev/null).
 */
class ProgressOnTerminalIT {
    static final Path SAMPLE = Rwsh.repo().resolve("scripts/sample/rw-v2.0.7-sample.rwshbak");
    @TempDir
    Path home;

    @Test
    void migrateDiffAndBackupSaveLeaveTheirResultsAndLaterOutputOnScreen() throws Exception {
        try (EtcdServer etcd = EtcdServer.start()) {
            Rwsh.Run restore = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", etcd.endpoint(), "-c", "backup restore " + SAMPLE + " --yes");
            assertEquals(0, restore.exit(), restore.toString());
            Path db = home.resolve("meta.db");
            Path saved = home.resolve("saved.rwshbak");
            String command = "cd " + home + " && HOME=" + home + " " + Rwsh.repo().resolve("scripts/rwsh") + " --no-rc --etcd-endpoints "
                    + etcd.endpoint() + " --sql-endpoint 'sqlite://" + db + "?mode=rwc'";
            try (Tmux tmux = new Tmux(command)) {
                tmux.waitFor("rwsh[etcd,sql]>", 90);
                tmux.pagerOff();
                String screen = tmux.run("migrate --dry-run", "dry run: validated, nothing written", "marker-dry-run", 120);
                assertTrue(screen.contains("rows per target table"), screen);
                tmux.clear();
                screen = tmux.run("migrate", "finished", "marker-migrate", 120);
                assertTrue(screen.contains("steps"), screen);
                tmux.clear();
                screen = tmux.run("diff", "no differences", "marker-diff", 120);
                tmux.clear();
                screen = tmux.run("backup save " + saved, "file bytes", "marker-backup", 120);
                assertTrue(Files.size(saved) > 0);
                tmux.type("exit");
                tmux.send("Enter");
            }
        }
    }

    @Test
    void theDemoRunbookOnATerminalPrintsAllSixSteps() throws Exception {
        String command = "cd " + home + " && HOME=" + home + " " + Rwsh.repo().resolve("scripts/rwsh") + " --no-rc -v DEMO_DIR=" + home
                + " -f " + Rwsh.repo().resolve("scripts/demo.rwsh") + "; echo rwsh-exit=$?; cat";
        try (Tmux tmux = new Tmux(command)) {
            tmux.waitFor("rwsh-exit=", 300);
            String screen = tmux.history();
            for (String step : new String[] {"== 1. the source", "== 2. preflight", "== 3. dry run", "== 4. migrate", "== 5. diff",
                    "== 6. the new configuration", "== done"}) {
                assertTrue(screen.contains(step), "'" + step + "' missing:\n" + screen);
            }
            assertTrue(screen.contains("no differences"), screen);
            assertTrue(screen.contains("--backend sql"), screen);
            assertTrue(screen.contains("rwsh-exit=0"), screen);
            assertFalse(screen.contains("error:"), screen);
        }
    }
}
