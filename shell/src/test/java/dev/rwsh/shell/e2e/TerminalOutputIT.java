package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Output in a real terminal (tmux) at 80 and 200 columns: wide tables fit the width with their boxes
 * intact, expanded mode, the pager on long interactive output and a working prompt after it, and
 * full values with no pager for -c, -f and pipes.
 */
class TerminalOutputIT {
    /** capture-pane drops trailing spaces, so the prompt is matched without its own. */
    private static final String PROMPT = "rwsh[backup,sql]>";
    /** Starting the JVM on a loaded machine. */
    private static final int START_SECONDS = 300;
    @TempDir
    static Path home;
    static String connect;

    /** The bundled sample backup migrated into SQLite, so that diff show has both sides. */
    @BeforeAll
    static void migrateTheSample() throws Exception {
        Path sample = Rwsh.repo().resolve("scripts/sample/rw-v2.0.7-sample.rwshbak");
        connect = " --no-rc --etcd-backup " + sample + " --sql-endpoint 'sqlite://" + home.resolve("meta.db") + "?mode=rwc'";
        Rwsh.Run migrated = Rwsh.run(home, null, "--no-rc", "--yes", "--etcd-backup", sample.toString(), "--sql-endpoint",
                "sqlite://" + home.resolve("meta.db") + "?mode=rwc", "-c", "migrate");
        assertEquals(0, migrated.exit(), migrated.toString());
    }

    private static String rwsh(String environment) {
        return "cd " + home + " && HOME=" + home + " " + environment + " " + Rwsh.repo().resolve("scripts/rwsh") + connect;
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 200})
    void wideOutputFitsTheTerminalWithItsBoxesIntact(int columns) throws Exception {
        try (Tmux tmux = new Tmux(rwsh(""), columns, 50)) {
            tmux.waitFor(PROMPT, START_SECONDS);
            List<String> commands = List.of("status", "preflight", "catalog", "diff show orders");
            for (int i = 0; i < commands.size(); i++) {
                tmux.type(commands.get(i) + " --no-pager");
                tmux.send("Enter");
                // typed ahead while the table draws, the terminal would echo the next line into it
                tmux.waitForLastLine(PROMPT, 120);
                tmux.type("echo done-" + i);
                tmux.send("Enter");
                tmux.waitFor("\ndone-" + i, 120);
            }
            String screen = tmux.joinedScreen();
            assertFitsWithBoxesIntact(screen, columns);
            assertTrue(screen.split("┌", -1).length - 1 >= 4, "a box for each of status, preflight, catalog, diff show:\n" + screen);
            assertTrue(screen.contains("│ sql ") && screen.contains("│ etcd "), screen);
            assertTrue(screen.contains("materialized view") || screen.contains("materialized"), screen);
        }
    }

    @Test
    void expandedModeOnALineAndAsTheSessionSetting() throws Exception {
        try (Tmux tmux = new Tmux(rwsh(""), 80, 50)) {
            tmux.waitFor(PROMPT, START_SECONDS);
            tmux.type("status -x --no-pager");
            tmux.send("Enter");
            String screen = tmux.waitFor("-[ RECORD 2 ]", 60);
            assertTrue(screen.contains("target     | etcd") && screen.contains("target     | sql"), screen);

            // auto: expanded only where the table would not fit
            tmux.type("expanded auto");
            tmux.send("Enter");
            tmux.type("expanded");
            tmux.send("Enter");
            tmux.waitFor("expanded is auto", 30);
            tmux.type("keys cf/ --limit 3 --no-pager");
            tmux.send("Enter");
            screen = tmux.waitFor("raise --limit)", 60);
            assertTrue(screen.contains("│ key "), "a narrow table stays a table:\n" + screen);
            assertTrue(screen.contains("(first 3 keys; more not shown: raise --limit)"), screen);
            tmux.type("status --no-pager");
            tmux.send("Enter");
            // type the next line only once the table is drawn: typed ahead, the terminal echoes it into the table
            tmux.waitForLastLine(PROMPT, 60);
            tmux.type("echo auto-done");
            tmux.send("Enter");
            screen = tmux.waitFor("\nauto-done", 60);
            String afterKeys = screen.substring(screen.lastIndexOf("status --no-pager"));
            assertTrue(afterKeys.contains("-[ RECORD 1 ]") && !afterKeys.contains("┌"), "a wide table is expanded:\n" + afterKeys);

            tmux.type("expanded off");
            tmux.send("Enter");
            tmux.type("status --no-pager");
            tmux.send("Enter");
            // type the next line only once the table is drawn: typed ahead, the terminal echoes it into the table
            tmux.waitForLastLine(PROMPT, 60);
            tmux.type("echo off-done");
            tmux.send("Enter");
            screen = tmux.waitFor("\noff-done", 60);
            String afterOff = screen.substring(screen.lastIndexOf("expanded off"));
            assertTrue(afterOff.contains("┌") && !afterOff.contains("-[ RECORD"), afterOff);
            assertFitsWithBoxesIntact(tmux.joinedScreen(), 80);
        }
    }

    @Test
    void longOutputGoesThroughLessAndTheShellWorksAfterQuittingIt() throws Exception {
        try (Tmux tmux = new Tmux("unset PAGER; " + rwsh(""), 80, 30)) {
            tmux.waitFor(PROMPT, START_SECONDS);
            tmux.type("catalog");
            tmux.send("Enter");
            waitForLessPrompt(tmux);
            tmux.send("q");
            tmux.waitForLastLine(PROMPT, 60);
            tmux.type("echo after-pager");
            tmux.send("Enter");
            tmux.waitFor("\nafter-pager\n" + PROMPT, 60);

            // --no-pager and 'pager off' print straight to the terminal: the next line typed is a command, not pager keys.
            tmux.type("catalog --no-pager");
            tmux.send("Enter");
            tmux.type("echo after-no-pager");
            tmux.send("Enter");
            tmux.waitFor("\nafter-no-pager\n" + PROMPT, 60);
            tmux.type("pager off");
            tmux.send("Enter");
            tmux.type("catalog");
            tmux.send("Enter");
            tmux.type("echo after-pager-off");
            tmux.send("Enter");
            tmux.waitFor("\nafter-pager-off\n" + PROMPT, 60);

            // and back on: the pager opens again
            tmux.type("pager on");
            tmux.send("Enter");
            tmux.type("preflight");
            tmux.send("Enter");
            waitForLessPrompt(tmux);
            tmux.send("q");
            tmux.waitForLastLine(PROMPT, 60);
            tmux.type("echo after-second-pager");
            tmux.send("Enter");
            tmux.waitFor("\nafter-second-pager\n" + PROMPT, 60);
        }
    }

    @Test
    void minusCMinusFAndPipesNeverPageAndFilesKeepFullValues() throws Exception {
        Path used = home.resolve("pager-used");
        Path pager = home.resolve("recording-pager");
        Files.writeString(pager, "#!/bin/sh\necho used >> " + used + "\ncat\n");
        Files.setPosixFilePermissions(pager, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("book.rwsh"), "catalog\npreflight\n");
        String run = rwsh("PAGER=" + pager);
        // -c then -f on the terminal; a runbook on standard input into a pipe; -c into a file
        String script = run + " -c catalog -f book.rwsh; "
                + "printf 'catalog\\npreflight\\n' | (" + run + " -f -) | cat; "
                + run + " -c status -c 'catalog --format csv' -c 'keys cf/ --limit 2 --format csv' > " + home.resolve("out.txt") + "; "
                + "echo all-runs-done; sleep 600";
        try (Tmux tmux = new Tmux("sh -c \"" + script.replace("\"", "\\\"") + "\"", 80, 30)) {
            tmux.waitFor("all-runs-done", 3 * START_SECONDS);
        }
        assertFalse(Files.exists(used), "the pager ran for -c, -f or a pipe");
        String out = Files.readString(home.resolve("out.txt"));
        assertTrue(out.contains("RisingWave cluster 910a2dec-8902-4cc1-beeb-8da1658eec67, taken 2024-12-01T00:00:00Z │"),
                "a file keeps every value whole on its line:\n" + out);
        assertTrue(out.contains("path,parent,name,kind,id,owner,streaming job,details\ndev,,dev,database,0,root,,\n"), out);
        String catalogCsv = out.substring(out.indexOf("path,parent,"), out.indexOf("\n\n", out.indexOf("path,parent,")));
        assertFalse(catalogCsv.contains("├─") || catalogCsv.contains("└─") || catalogCsv.contains("\u00a0"), "tree glyphs in CSV:\n" + out);
        assertTrue(out.contains("message\n(first 2 keys; more not shown: raise --limit)\n"), out);

        // The same pager does run for the interactive shell: the check above could fail.
        try (Tmux tmux = new Tmux(run, 80, 30)) {
            tmux.waitFor(PROMPT, START_SECONDS);
            tmux.type("catalog");
            tmux.send("Enter");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(used) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(used), "the interactive shell did not page long output");
        }
    }

    /** less -FRX shows ':' on the last line while it waits for a key. */
    private static void waitForLessPrompt(Tmux tmux) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux.screen().stripTrailing();
            if (screen.endsWith("\n:")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("less never showed its prompt:\n" + screen);
    }

    /** The shell is back at its prompt: keys typed now reach it, not the pager. */
    /** Every line is at most {@code columns} wide once wrapped lines are joined, and every box line is closed. */
    private static void assertFitsWithBoxesIntact(String screen, int columns) {
        for (String line : screen.split("\n")) {
            String shown = line.stripTrailing();
            assertTrue(shown.codePointCount(0, shown.length()) <= columns, "line wider than " + columns + ":\n" + shown + "\n\n" + screen);
            if (!shown.isEmpty() && "┌├└│".indexOf(shown.charAt(0)) >= 0) {
                char last = shown.charAt(shown.length() - 1);
                assertTrue("┐┤┘│".indexOf(last) >= 0, "broken box line:\n" + shown + "\n\n" + screen);
            }
        }
    }
}
