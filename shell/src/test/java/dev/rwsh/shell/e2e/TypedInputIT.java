package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person types at the prompt, in a real terminal (tmux): the line reaches the command as it
 * would through -c (backslashes included), and a typo gets a one-line suggestion.
 */
class TypedInputIT {
    @TempDir
    Path home;

    private Tmux shellOnSample() throws Exception {
        Path sample = Rwsh.repo().resolve("scripts/sample/rw-v2.0.7-sample.rwshbak");
        Tmux tmux = new Tmux("cd " + home + " && HOME=" + home + " " + Rwsh.repo().resolve("scripts/rwsh")
                + " --no-rc --etcd-backup " + sample);
        tmux.waitFor("rwsh[backup]>", 90);
        return tmux;
    }

    @Test
    void backslashEscapesInKeysReachTheCommandAndPrintedKeysPasteBack() throws Exception {
        try (Tmux tmux = shellOnSample()) {
            tmux.type("get cf/catalog_table/\\x08\\x01 --hex");
            tmux.send("Enter");
            String screen = tmux.waitFor("create revision", 30);
            assertFalse(screen.contains("no key"), screen);

            // Keys as 'keys' prints them, typed back into 'get', find their keys.
            tmux.type("keys cf/catalog_table/ --limit 3 --format csv");
            tmux.send("Enter");
            screen = tmux.waitFor("\ncf/catalog_table/\\x08\\x03,", 30);
            Matcher m = Pattern.compile("(?m)^(cf/catalog_table/[^,\\s]+),").matcher(screen);
            List<String> keys = new ArrayList<>();
            while (m.find()) {
                keys.add(m.group(1));
            }
            assertTrue(keys.size() >= 3, screen);
            for (String key : keys) {
                tmux.type("get " + key + " --format json");
                tmux.send("Enter");
                tmux.waitFor("\"key\" : \"" + key.replace("\\", "\\\\") + "\"", 30);
            }
            screen = tmux.screen();
            assertFalse(screen.contains("error:"), screen);
        }
    }

    @Test
    void typosGetASuggestionOnOneLine() throws Exception {
        try (Tmux tmux = shellOnSample()) {
            tmux.type("stauts");
            tmux.send("Enter");
            tmux.waitFor("error: unknown command 'stauts': did you mean 'status'?", 30);
            tmux.type("keys --limt 5");
            tmux.send("Enter");
            tmux.waitFor("error: keys: unknown option --limt: did you mean --limit?", 30);
            tmux.type("keys --limit");
            tmux.send("Enter");
            tmux.waitFor("error: keys: --limit needs a value (N)", 30);
            tmux.type("help migrat");
            tmux.send("Enter");
            tmux.waitFor("error: help: no command 'migrat': did you mean 'migrate'?", 30);
            tmux.type("echo still-here");
            tmux.send("Enter");
            String screen = tmux.waitFor("\nstill-here", 30);
            assertFalse(screen.contains("internal error"), screen);
            assertFalse(screen.contains("Exception"), screen);
        }
    }

    @Test
    void historyIsNumberedPrivateAndKeepsSecretsInMemoryOnly() throws Exception {
        try (Tmux tmux = shellOnSample()) {
            tmux.type("echo first-line");
            tmux.send("Enter");
            tmux.waitFor("\nfirst-line", 30);
            tmux.type("set DB_PASSWORD hunter2");
            tmux.send("Enter");
            tmux.type("history");
            tmux.send("Enter");
            String screen = tmux.waitFor("   3  history", 30);
            assertTrue(screen.contains("\n   1  echo first-line\n   2  set DB_PASSWORD hunter2\n   3  history"), screen);

            // Up recalls the secret line in this session, though it is not in the file.
            tmux.send("Up");
            tmux.send("Up");
            waitForLastLine(tmux, "rwsh[backup]> set DB_PASSWORD hunter2");
            tmux.send("C-u");
            tmux.type("exit");
            tmux.send("Enter");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (tmux.alive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(tmux.alive(), "shell did not exit");
        }
        Path file = home.resolve(".rwsh_history");
        assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"), java.nio.file.Files.getPosixFilePermissions(file));
        String saved = java.nio.file.Files.readString(file);
        assertTrue(saved.contains("echo first-line") && saved.contains("history"), saved);
        assertFalse(saved.contains("hunter2"), "secret written to the history file:\n" + saved);
    }

    private static void waitForLastLine(Tmux tmux, String expected) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline) {
            List<String> lines = tmux.screen().strip().lines().toList();
            last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).stripTrailing();
            if (last.equals(expected)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("last line never became '" + expected + "', it is '" + last + "'");
    }
}
