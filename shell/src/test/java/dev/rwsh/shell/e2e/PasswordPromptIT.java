package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** connect sql --password-prompt in a real terminal: the typed password is not echoed, connects, and is kept nowhere. */
class PasswordPromptIT {
    static final String PASSWORD = "Sekr!t#Pw@x";

    @TempDir
    Path home;

    @Test
    void theSqlPasswordIsAskedMaskedAndNeverShownOrStored() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.postgres()) {
            String user = db.name() + "_p";
            db.admin("CREATE ROLE " + user + " LOGIN PASSWORD '" + PASSWORD + "'", "GRANT ALL ON DATABASE " + db.name() + " TO " + user);
            try {
                SqlEndpoint owner = SqlEndpoint.parse(db.url());
                String url = "postgres://" + user + "@" + owner.host() + ":" + owner.port() + "/" + db.name();
                String command = "cd " + home + " && HOME=" + home + " " + Rwsh.repo().resolve("scripts/rwsh") + " --no-rc";
                try (Tmux tmux = new Tmux(command)) {
                    tmux.waitFor("rwsh>", 300);
                    tmux.type("connect sql --endpoint " + url + " --password-prompt");
                    tmux.send("Enter");
                    tmux.waitFor("postgres password for " + user + "@" + owner.host() + ":" + owner.port() + ":", 30);
                    tmux.type(PASSWORD);
                    tmux.send("Enter");
                    String screen = tmux.waitFor("(password from the prompt)", 30);
                    assertTrue(screen.contains("connected to postgres at " + url), screen);
                    assertTrue(screen.contains("*".repeat(PASSWORD.length())), "password not masked:\n" + screen);
                    waitForPrompts(tmux, 1);
                    tmux.type("status");
                    tmux.send("Enter");
                    tmux.waitFor("│ " + user + " │", 30);
                    waitForPrompts(tmux, 2);
                    // an option typed wrongly is echoed masked
                    tmux.type("connect etcd --endpoints 127.0.0.1:1 --user=rwsec:" + PASSWORD);
                    tmux.send("Enter");
                    screen = tmux.waitFor("error: connect etcd: unknown option", 30);
                    assertTrue(screen.contains("error: connect etcd: unknown option --user=rwsec:**** "), screen);
                    waitForPrompts(tmux, 3);
                    tmux.type("stacktrace");
                    tmux.send("Enter");
                    tmux.waitFor(java.util.regex.Pattern.compile("at dev\\.rwsh\\."), 30); // a frame of the trace
                    waitForPrompts(tmux, 4);
                    tmux.type("history");
                    tmux.send("Enter");
                    waitForPrompts(tmux, 5);
                    tmux.type("echo history-done");
                    tmux.send("Enter");
                    screen = tmux.waitFor("\nhistory-done", 30);
                    // each line was typed at its prompt, so everything not after a prompt is the shell's output
                    String typedLines = String.join("\n", screen.lines().filter(l -> l.startsWith("rwsh")).toList());
                    String output = String.join("\n", screen.lines().filter(l -> !l.startsWith("rwsh")).toList());
                    assertFalse(output.contains(PASSWORD), "password shown:\n" + screen);
                    assertTrue(typedLines.contains("--user=rwsec:" + PASSWORD), "the typed line itself is on screen:\n" + screen);
                    tmux.type("exit");
                    tmux.send("Enter");
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (tmux.alive() && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    assertFalse(tmux.alive(), "shell did not exit");
                }
                String history = Files.readString(home.resolve(".rwsh_history"));
                assertTrue(history.contains("--password-prompt"), history);
                assertFalse(history.contains(PASSWORD), "password stored in history:\n" + history);
            } finally {
                db.admin("DROP OWNED BY " + user, "DROP ROLE " + user);
            }
        }
    }

    /** Waits until the shell has shown its prompt {@code n} times: the line before has finished, and typing is not echoed early. */
    private static void waitForPrompts(Tmux tmux, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux.screen();
            if (screen.split("rwsh\\[sql\\]>", -1).length - 1 >= n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the prompt did not show " + n + " times:\n" + screen);
    }
}
