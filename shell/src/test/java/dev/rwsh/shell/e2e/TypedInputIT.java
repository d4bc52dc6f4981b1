package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.testsupport.EtcdServer;
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
    /** The first start after a build extracts the jar and records the class-data archive: slow on a loaded machine. */
    private static final int START_SECONDS = 240;

    @TempDir
    Path home;

    private Tmux shellOnSample() throws Exception {
        Path sample = Rwsh.repo().resolve("scripts/sample/rw-v2.0.7-sample.rwshbak");
        Tmux tmux = new Tmux("cd " + home + " && HOME=" + home + " " + Rwsh.repo().resolve("scripts/rwsh")
                + " --no-rc --etcd-backup " + sample);
        tmux.waitFor("rwsh[backup]>", START_SECONDS);
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

            // No !-history expansion: '!=' reaches the command as typed.
            tmux.type("echo 1 != 2");
            tmux.send("Enter");
            tmux.waitFor("\n1 != 2\n", 30);
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
            assertTrue(screen.contains("\n   1  echo first-line\n   2  set DB_PASSWORD ****\n   3  history"), screen);

            // Up recalls the secret line in this session, though it is not in the file. (Keys sent
            // before the prompt is back would reach a terminal not yet in raw mode.)
            tmux.waitForLastLine("rwsh[backup]>", 30);
            tmux.send("Up");
            tmux.send("Up");
            tmux.waitForLastLine("rwsh[backup]> set DB_PASSWORD hunter2", 30);
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

    @Test
    void tabCompletesValuesThatFitTheirPosition() throws Exception {
        java.nio.file.Files.copy(Rwsh.repo().resolve("scripts/sample/rw-v2.0.7-sample.rwshbak"), home.resolve("my-backup.rwshbak"));
        try (Tmux tmux = shellOnSample()) {
            // A file where a file belongs (this replaced the line with '--backup -').
            completes(tmux, "connect etcd --backup my-b", "rwsh[backup]> connect etcd --backup my-backup.rwshbak");
            completes(tmux, "backup verify my-", "rwsh[backup]> backup verify my-backup.rwshbak");
            // Keys and prefixes of the connected source, cut at the next '/'.
            completes(tmux, "keys cf/catalog_ta", "rwsh[backup]> keys cf/catalog_table/");
            completes(tmux, "count cf/catalog_vi", "rwsh[backup]> count cf/catalog_view/");
            tmux.type("get cf/catalog_table/\\x08\\x0");
            tmux.send("Tab");
            tmux.send("Tab");
            tmux.waitFor("cf/catalog_table/\\x08\\x04", 30);
            tmux.send("C-u");
            // Column families, catalog names, diff categories, an option's words, command names.
            completes(tmux, "meta list catalog_ta", "rwsh[backup]> meta list catalog_table");
            completes(tmux, "show daily_r", "rwsh[backup]> show daily_revenue");
            completes(tmux, "config emit --style split", "rwsh[backup]> config emit --style split-flags");
            completes(tmux, "diff --category actor_d", "rwsh[backup]> diff --category actor_dispatcher");
            completes(tmux, "keys --format js", "rwsh[backup]> keys --format json");
            completes(tmux, "status --fo", "rwsh[backup]> status --format");
            completes(tmux, "help sql sch", "rwsh[backup]> help sql schema");
            completes(tmux, "connect e", "rwsh[backup]> connect etcd");

            // Where nothing fits (a number), TAB leaves the line as typed.
            tmux.type("keys cf/catalog_table/ --limit ");
            tmux.send("Tab");
            tmux.type("2");
            tmux.send("Enter");
            String screen = tmux.waitFor("cf/catalog_table/\\x08\\x02", 30);
            assertFalse(screen.contains("error:"), screen);
        }
    }

    @Test
    void tabCompletesKeysOfALiveEtcd() throws Exception {
        try (EtcdServer server = EtcdServer.start()) {
            server.generate(ClusterGenerator.Options.small(5));
            try (Tmux tmux = new Tmux("cd " + home + " && HOME=" + home + " " + Rwsh.repo().resolve("scripts/rwsh")
                    + " --no-rc --etcd-endpoints " + server.endpoint())) {
                tmux.waitFor("rwsh[etcd]>", START_SECONDS);
                tmux.type("keys cf/catalog_ta");
                tmux.send("Tab");
                tmux.waitForLastLine("rwsh[etcd]> keys cf/catalog_table/", 30);
                tmux.send("C-u");
                tmux.type("tree cf/hummock_");
                tmux.send("Tab");
                tmux.send("Tab");
                tmux.waitFor("cf/hummock_7/", 30);
            }
        }
    }

    private static void completes(Tmux tmux, String typed, String expected) throws Exception {
        tmux.type(typed);
        tmux.send("Tab");
        tmux.waitForLastLine(expected, 30);
        tmux.send("C-u");
        tmux.waitForLastLine("rwsh[backup]>", 30);
    }
}
