package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell in a real terminal (tmux): completion, history, masked password prompt. */
class InteractiveShellIT {
    @TempDir
    Path home;

    @Test
    void completionHistoryAndPasswordPrompt() throws Exception {
        String command = "cd " + home + " && HOME=" + home + " " + Rwsh.repo().resolve("scripts/rwsh") + " --no-rc";
        try (Tmux tmux = new Tmux(command)) {
            tmux.waitFor("rwsh>", 90);

            // Tab completes a command and then an option.
            tmux.type("connect e");
            tmux.send("Tab");
            tmux.waitFor("rwsh> connect etcd", 10);
            tmux.send("C-u");
            tmux.type("keys --li");
            tmux.send("Tab");
            tmux.waitFor("rwsh> keys --limit", 10);
            tmux.send("C-u");

            tmux.type("echo hello-from-tmux");
            tmux.send("Enter");
            tmux.waitFor("\nhello-from-tmux", 10);

            // Up recalls the previous line.
            tmux.send("Up");
            tmux.waitFor("rwsh> echo hello-from-tmux", 10);
            tmux.send("C-u");

            // The prompted password is masked on screen.
            tmux.type("connect etcd --endpoints 127.0.0.1:1 --user root --password-prompt --timeout 1");
            tmux.send("Enter");
            tmux.waitFor("etcd password for root:", 10);
            tmux.type("Sekr1tPw");
            tmux.send("Enter");
            String screen = tmux.waitFor("error: ", 30);
            assertFalse(screen.contains("Sekr1tPw"), "password echoed:\n" + screen);
            assertTrue(screen.contains("********"), "password not masked:\n" + screen);

            // A password typed on the command line runs but is never stored in history.
            tmux.type("connect etcd --endpoints 127.0.0.1:1 --user root --password HunterTwo --timeout 1");
            tmux.send("Enter");
            tmux.waitFor("--password HunterTwo --timeout 1\nerror: could not connect", 30);
            tmux.type("exit");
            tmux.send("Enter");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (tmux.alive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(tmux.alive(), "shell did not exit");
        }
        String history = Files.readString(home.resolve(".rwsh_history"));
        assertTrue(history.contains("echo hello-from-tmux"), history);
        assertTrue(history.contains("--password-prompt"), history);
        assertFalse(history.contains("HunterTwo"), "password stored in history:\n" + history);
    }
}
