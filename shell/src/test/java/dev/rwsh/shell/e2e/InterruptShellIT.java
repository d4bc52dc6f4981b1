package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import dev.rwsh.commands.testsupport.TargetDump;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in a real terminal (tmux): it stops a running migrate, which says what it left behind,
 * and the prompt comes back; at an empty prompt it does nothing; the state is then what migrate
 * status and doctor say, and migrate -f redoes it cleanly.
 */
class InterruptShellIT {
    /** A bar of a writing step with a known total: "streaming jobs  12% [==>   ] 30/250 rows". */
    static final Pattern WRITING_BAR = Pattern.compile("streaming jobs +\\d+% \\[[=> ]*\\] \\d+/\\d+ rows");
    static final String PROMPT = "rwsh[etcd,sql]>";
    static EtcdServer server;
    @TempDir
    Path home;

    @BeforeAll
    static void writeCluster() throws Exception {
        server = EtcdServer.start();
        // big enough that writing lasts several seconds even on a fast machine
        server.generateStopped(ClusterGenerator.Options.small(7).withScale(300).withNodes(4, 8));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Tmux shell(String url, String env) throws Exception {
        Tmux tmux = new Tmux("cd " + home + " && HOME=" + home + " " + env + " " + Rwsh.repo().resolve("scripts/rwsh") + " --no-rc --etcd-endpoints "
                + server.endpoint() + " --sql-endpoint '" + url + "'");
        tmux.waitFor("rwsh[etcd,sql]>", 90);
        // migrate status and doctor can be taller than the pane; what is typed next must reach the shell
        tmux.pagerOff();
        return tmux;
    }

    /** Starts migrate, waits until it is writing streaming jobs, presses Ctrl-C and waits for what it says. */
    private String interruptMigrate(Tmux tmux, String expected) throws Exception {
        tmux.type("migrate");
        tmux.send("Enter");
        tmux.waitFor(WRITING_BAR, 180);
        tmux.send("C-c");
        String screen = tmux.waitFor("error: " + expected, 60);
        // the prompt is back and the shell still prints
        tmux.type("echo after-interrupt");
        tmux.send("Enter");
        tmux.waitFor("\nafter-interrupt\n", 30);
        // Ctrl-C at an empty prompt does nothing but show a fresh prompt. Count the prompts only once
        // the one after the echo is drawn, and type only once the fresh one is there: a Ctrl-C still
        // in flight would otherwise eat the first letters typed.
        int prompts = prompts(tmux.waitForLastLine(PROMPT, 30));
        tmux.send("C-c");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (prompts(tmux.screen()) <= prompts && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        tmux.waitForLastLine(PROMPT, 30);
        assertTrue(tmux.alive(), "Ctrl-C at the prompt ended the shell");
        tmux.type("echo still-here");
        tmux.send("Enter");
        tmux.waitFor("\nstill-here\n", 30);
        return screen;
    }

    private static int prompts(String screen) {
        return screen.split(Pattern.quote(PROMPT), -1).length - 1;
    }

    private void redoAndCompare(Tmux tmux) throws Exception {
        tmux.clear();
        tmux.run("migrate -f --yes", "finished", "marker-force", 300);
        tmux.clear();
        tmux.run("diff", "no differences", "marker-diff", 300);
        tmux.type("exit");
        tmux.send("Enter");
        waitUntilGone(tmux);
    }

    private static void waitUntilGone(Tmux tmux) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String screen = "";
        while (tmux.alive() && System.nanoTime() < deadline) {
            screen = tmux.screen();
            Thread.sleep(100);
        }
        assertFalse(tmux.alive(), "exit did not leave the shell:\n" + screen);
    }

    @Test
    void ctrlCStopsMigrateIntoPostgresWhichRollsBack() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.postgres(); Tmux tmux = shell(db.url(), "")) {
            interruptMigrate(tmux, "migrate interrupted: target rolled back, nothing written");
            try (SqlConnection sql = SqlConnector.connect(SqlEndpoint.parse(db.url()))) {
                assertFalse(TargetDump.dump(sql).containsKey("actor"), "the interrupted migrate left tables behind");
            }
            tmux.clear();
            String status = tmux.run("migrate status", "interrupted (Ctrl-C) in step", "marker-status", 60);
            assertTrue(status.contains("no partial-migration mark"), status);
            tmux.clear();
            tmux.run("doctor", "untouched", "marker-doctor", 120);
            redoAndCompare(tmux);
        }
    }

    @Test
    void ctrlCStopsMigrateIntoMariadbWhichIsMarkedPartial() throws Exception {
        try (ScratchDatabase db = ScratchDatabase.mysql(); Tmux tmux = shell(db.url(), "")) {
            interruptMigrate(tmux, "migrate interrupted: target marked partial; run migrate -f");
            tmux.clear();
            String status = tmux.run("migrate status", "interrupted (Ctrl-C) in step", "marker-status", 60);
            assertTrue(status.contains("PARTIAL"), status);
            tmux.clear();
            String doctor = tmux.run("doctor", "partial", "marker-doctor", 120);
            assertTrue(doctor.contains("migrate -f"), doctor);
            redoAndCompare(tmux);
        }
    }

    @Test
    void underTermDumbCtrlCStopsTheCommandNotTheShell(@TempDir Path dir) throws Exception {
        String url = "sqlite://" + dir.resolve("meta.db") + "?mode=rwc";
        try (Tmux tmux = shell(url, "TERM=dumb")) {
            tmux.type("migrate");
            tmux.send("Enter");
            // no bar on a dumb terminal: a plain line per finished step
            tmux.waitFor(Pattern.compile("\\nrelation objects +read \\d+, wrote \\d+"), 180);
            tmux.send("C-c");
            tmux.waitFor("error: migrate interrupted", 60);
            tmux.type("echo alive-after-ctrl-c");
            tmux.send("Enter");
            tmux.waitFor("\nalive-after-ctrl-c\n", 30);
            assertTrue(tmux.alive());
        }
    }
}
