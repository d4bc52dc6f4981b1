package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.testsupport.EtcdServer;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.options.GetOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in a real terminal (tmux) during each long command but migrate (InterruptShellIT): the
 * command stops, says in one line what state it left, the prompt comes back and prints; a second
 * Ctrl-C at the empty prompt does nothing, and Ctrl-D then leaves the shell with status 0.
 * <p>
 * So that Ctrl-C surely lands while the command runs, whatever the machine's load, the etcd a
 * command waits on is paused (SIGSTOP) first, or the command is one that cannot finish (a sample of
 * a huge scale, a watch of an hour). Ctrl-C is pressed until the command says it stopped: one
 * pressed before the command has started is, like any Ctrl-C at the prompt, ignored.
 */
class InterruptLongCommandsIT {
    static EtcdServer source;
    static Path backup;
    @TempDir
    Path home;

    @BeforeAll
    static void writeClusterAndBackup(@TempDir Path dir) throws Exception {
        source = EtcdServer.start();
        source.generateStopped(ClusterGenerator.Options.small(7));
        backup = dir.resolve("source.rwshbak");
        Rwsh.Run save = Rwsh.run(dir, null, "--no-rc", "--etcd-endpoints", source.endpoint(), "-c", "backup save " + backup);
        assertEquals(0, save.exit(), save.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (source != null) {
            source.close();
        }
    }

    /** rwsh in tmux with {@code args}; when it ends, the pane shows its exit status as rwsh-exit=N. */
    private Tmux shell(String prompt, String args) throws Exception {
        Tmux tmux = new Tmux("cd " + home + " && HOME=" + home + " " + Rwsh.repo().resolve("scripts/rwsh") + " --no-rc " + args
                + "; echo rwsh-exit=$?");
        tmux.waitFor(prompt, 90);
        tmux.pagerOff();
        return tmux;
    }

    /** Runs a line whose output does not matter, then waits until an echo after it printed. */
    private static void runQuietly(Tmux tmux, String line, String marker) throws Exception {
        tmux.type(line);
        tmux.send("Enter");
        tmux.type("echo " + marker);
        tmux.send("Enter");
        tmux.waitFor("\n" + marker + "\n", 120);
    }

    /**
     * Types {@code line} once the shell waits at its prompt and waits until the shell took it (it
     * shows the prompt and the line, then a new line): a Ctrl-C earlier would flush it unread.
     */
    private static void start(Tmux tmux, String prompt, String line) throws Exception {
        waitForPromptAtEnd(tmux, prompt);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        tmux.type(line);
        tmux.send("Enter");
        // JLine leaves raw mode (running stty under JLine's exec provider) after it took the line; a Ctrl-C
        // before that is done loses the line, so wait until the terminal is back in canonical mode
        while (!taken(tmux, prompt + " " + line) || !tmux.cooked()) {
            assertTrue(System.nanoTime() < deadline, "the shell never took '" + line + "':\n" + tmux.screen());
            Thread.sleep(100);
        }
    }

    /** The pane shows {@code typed} as a line and the cursor has moved below it: the shell accepted the line. */
    private static boolean taken(Tmux tmux, String typed) throws Exception {
        int cursor = tmux.cursorLine();
        String[] lines = tmux.visibleLines();
        for (int i = Math.min(cursor, lines.length) - 1; i >= 0; i--) {
            if (lines[i].stripTrailing().equals(typed)) {
                return true;
            }
        }
        return false;
    }

    /** Waits until the shell shows its prompt last: it is reading a line, so keys typed now reach it in raw mode. */
    static void waitForPromptAtEnd(Tmux tmux, String prompt) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String screen = tmux.screen();
        while (!screen.stripTrailing().endsWith(prompt)) {
            assertTrue(tmux.alive() || tmux.screen().stripTrailing().endsWith(prompt), "the shell ended:\n" + tmux.history());
            assertTrue(System.nanoTime() < deadline, "no prompt at the end of the screen:\n" + screen);
            Thread.sleep(100);
            screen = tmux.screen();
        }
    }

    /** Presses Ctrl-C until the screen shows {@code error: MESSAGE} as a line of its own; returns the match. */
    private static Matcher interrupt(Tmux tmux, Pattern message) throws Exception {
        // the terminal echoes the Ctrl-C as ^C before the message
        Pattern line = Pattern.compile("\\n(?:\\^C)?error: (" + message.pattern() + ")\\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String screen = "";
        while (System.nanoTime() < deadline) {
            assertTrue(tmux.alive(), "the shell ended:\n" + tmux.history());
            tmux.send("C-c");
            long pressed = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < pressed) {
                screen = tmux.joinedScreen();
                Matcher m = line.matcher(screen);
                if (m.find()) {
                    return m;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the command never said 'error: " + message + "':\n" + screen);
    }

    private static Matcher interrupt(Tmux tmux, String message) throws Exception {
        return interrupt(tmux, Pattern.compile(Pattern.quote(message)));
    }

    /**
     * After an interrupted command: the shell prints, Ctrl-C at the empty prompt only draws a fresh
     * prompt, and Ctrl-D leaves with status 0.
     */
    private static void promptBackThenCtrlCIgnoredThenCtrlDLeaves(Tmux tmux, String prompt) throws Exception {
        tmux.type("echo back-after-interrupt");
        tmux.send("Enter");
        tmux.waitFor("\nback-after-interrupt\n", 60);
        waitForPromptAtEnd(tmux, prompt);
        int prompts = count(tmux.screen(), prompt);
        tmux.send("C-c");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(tmux.screen(), prompt) <= prompts && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(count(tmux.screen(), prompt) > prompts, "no fresh prompt after Ctrl-C at the prompt:\n" + tmux.screen());
        tmux.type("echo still-here");
        tmux.send("Enter");
        tmux.waitFor("\nstill-here\n", 60);
        ctrlDLeaves(tmux, prompt);
    }

    /** Ctrl-D at the (empty) prompt ends rwsh with status 0, and the pane's process exits. */
    static void ctrlDLeaves(Tmux tmux, String prompt) throws Exception {
        waitForPromptAtEnd(tmux, prompt);
        tmux.send("C-d");
        leftWithStatusZero(tmux);
    }

    /** rwsh ended with status 0 and the pane's process exited. */
    static void leftWithStatusZero(Tmux tmux) throws Exception {
        tmux.waitFor("rwsh-exit=", 60);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (tmux.alive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(tmux.alive(), "Ctrl-D did not end the pane's process:\n" + tmux.screen());
        assertTrue(tmux.screen().contains("rwsh-exit=0"), tmux.screen());
    }

    private static int count(String screen, String text) {
        return screen.split(Pattern.quote(text), -1).length - 1;
    }

    private static List<String> filesIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void ctrlCStopsDiffAgainstAMigratedTarget() throws Exception {
        String prompt = "rwsh[etcd,sql]>";
        String url = "sqlite://" + home.resolve("meta.db") + "?mode=rwc";
        try (Tmux tmux = shell(prompt, "--etcd-endpoints " + source.endpoint() + " --sql-endpoint '" + url + "'")) {
            tmux.run("migrate --yes", "finished", "marker-migrated", 600);
            // a paused etcd must not end diff by a timeout before Ctrl-C does
            runQuietly(tmux, "connect etcd --endpoints " + source.endpoint() + " --timeout 3600", "marker-connected");
            source.pause();
            try {
                start(tmux, prompt, "diff");
                interrupt(tmux, "diff interrupted: nothing compared; neither side was changed");
            } finally {
                source.resume();
            }
            promptBackThenCtrlCIgnoredThenCtrlDLeaves(tmux, prompt);
        }
    }

    @Test
    void ctrlCStopsBackupSaveWhichLeavesNoFile() throws Exception {
        String prompt = "rwsh[etcd]>";
        Path dir = Files.createDirectories(home.resolve("backups"));
        Path file = dir.resolve("saved.rwshbak");
        try (Tmux tmux = shell(prompt, "--etcd-endpoints " + source.endpoint())) {
            runQuietly(tmux, "connect etcd --endpoints " + source.endpoint() + " --timeout 3600", "marker-connected");
            source.pause();
            try {
                start(tmux, prompt, "backup save " + file);
                interrupt(tmux, "backup save interrupted: nothing was saved (" + file + " not written)");
            } finally {
                source.resume();
            }
            assertEquals(List.of(), filesIn(dir), "an interrupted save left a file behind");
            promptBackThenCtrlCIgnoredThenCtrlDLeaves(tmux, prompt);
        }
    }

    @Test
    void ctrlCStopsBackupRestoreWhichSaysHowManyKeysItWrote() throws Exception {
        String prompt = "rwsh[etcd]>";
        try (EtcdServer scratch = EtcdServer.start(); Tmux tmux = shell(prompt, "--etcd-endpoints " + scratch.endpoint())) {
            runQuietly(tmux, "connect etcd --endpoints " + scratch.endpoint() + " --timeout 3600", "marker-connected");
            // one key per transaction: the restore is surely still writing when its bar shows the first keys
            start(tmux, prompt, "backup restore " + backup + " --max-txn-ops 1");
            tmux.waitFor(Pattern.compile("backup restore +\\d+% \\[[=> ]*\\] [1-9]\\d*/\\d+ keys"), 300);
            // Ctrl-C while transactions are in flight to a target that does not answer: they may still
            // commit, so the restore waits for their answers before it says what it wrote
            scratch.pause();
            try {
                tmux.send("C-c");
            } finally {
                scratch.resume();
            }
            // the one Ctrl-C above landed in the blocked restore: pressing again could reach the next prompt
            // late (the JVM delivers SIGINT asynchronously) and clear the line typed there
            Pattern message = Pattern.compile("\\n(?:\\^C)?error: (backup restore interrupted after writing (\\d+) keys and deleting 0: "
                    + "the target is partly restored; run backup restore again with --force)\\n");
            tmux.waitFor(message, 120);
            Matcher said = message.matcher(tmux.joinedScreen());
            assertTrue(said.find(), tmux.joinedScreen());
            long written = Long.parseLong(said.group(2));
            try (EtcdConnection etcd = scratch.connect()) {
                ByteSequence all = ByteSequence.from(new byte[] {0});
                long keys = etcd.get(all, GetOption.builder().withRange(all).withCountOnly(true).build()).getCount();
                assertEquals(written, keys, "the restore said it wrote " + written + " keys; etcd has " + keys);
            }
            promptBackThenCtrlCIgnoredThenCtrlDLeaves(tmux, prompt);
        }
    }

    @Test
    void ctrlCStopsSampleBackupWhichLeavesNoFile() throws Exception {
        String prompt = "rwsh>";
        Path dir = Files.createDirectories(home.resolve("samples"));
        Path file = dir.resolve("huge.rwshbak");
        try (Tmux tmux = shell(prompt, "")) {
            // far more jobs than any machine generates while the test waits
            start(tmux, prompt, "sample backup " + file + " --jobs 2000000");
            tmux.waitFor("sample backup: generate", 120);
            interrupt(tmux, "sample backup interrupted: nothing was saved (" + file + " not written)");
            assertEquals(List.of(), filesIn(dir), "an interrupted sample backup left a file behind");
            promptBackThenCtrlCIgnoredThenCtrlDLeaves(tmux, prompt);
        }
    }

    @Test
    void ctrlCStopsPreflightWatchingEtcd() throws Exception {
        String prompt = "rwsh[etcd,sql]>";
        String url = "sqlite://" + home.resolve("meta.db") + "?mode=rwc";
        try (Tmux tmux = shell(prompt, "--etcd-endpoints " + source.endpoint() + " --sql-endpoint '" + url + "'")) {
            start(tmux, prompt, "preflight --watch 3600");
            tmux.waitFor("watching etcd for writes", 120);
            interrupt(tmux, "preflight interrupted while watching etcd's revision: no check result; nothing was changed");
            promptBackThenCtrlCIgnoredThenCtrlDLeaves(tmux, prompt);
        }
    }

    @Test
    void ctrlCStopsKeysAndTreeOnALargePrefix() throws Exception {
        String prompt = "rwsh[etcd]>";
        try (Tmux tmux = shell(prompt, "--etcd-endpoints " + source.endpoint())) {
            runQuietly(tmux, "connect etcd --endpoints " + source.endpoint() + " --timeout 3600", "marker-connected");
            source.pause();
            try {
                start(tmux, prompt, "keys cf/ --limit 1000000");
                interrupt(tmux, "keys interrupted: nothing listed; nothing was changed");
                start(tmux, prompt, "tree");
                interrupt(tmux, "tree interrupted: nothing counted; nothing was changed");
            } finally {
                source.resume();
            }
            promptBackThenCtrlCIgnoredThenCtrlDLeaves(tmux, prompt);
        }
    }

    /**
     * A Ctrl-C while a result prints (its command has returned, the next prompt is not drawn yet)
     * leaves the shell running. The terminal's reader, the tmux server, is stopped while etcd
     * holds the listing back, so the listing fills the terminal and the shell is surely blocked
     * printing when SIGINT arrives, as the terminal driver sends it on Ctrl-C.
     */
    @Test
    void ctrlCWhileAResultPrintsLeavesTheShellRunning() throws Exception {
        String prompt = "rwsh[etcd]>";
        try (EtcdServer large = EtcdServer.start()) {
            // about 4,400 keys: a listing of some 450 KB, far more than a terminal buffers
            large.generateStopped(ClusterGenerator.Options.small(7).withScale(1000));
            try (Tmux tmux = shell(prompt, "--etcd-endpoints " + large.endpoint())) {
                runQuietly(tmux, "connect etcd --endpoints " + large.endpoint() + " --timeout 3600", "marker-connected");
                // asked now: tmux answers nothing while it is stopped
                ProcessHandle java = tmux.program("java");
                String tty = tmux.tty();
                large.pause();
                try {
                    start(tmux, prompt, "keys --limit 1000000");
                    tmux.suspendServer();
                } finally {
                    large.resume();
                }
                try {
                    waitUntilBlockedWritingTo(java, tty);
                    Tmux.signal("INT", java.pid());
                } finally {
                    tmux.resumeServer();
                }
                waitForPromptAtEnd(tmux, prompt);
                assertTrue(tmux.alive(), "Ctrl-C while the listing printed ended the shell:\n" + tmux.history());
                // the listing's head has left tmux's history (2,000 lines): its end and no error are what tell
                String listing = tmux.joinedScreen();
                assertFalse(listing.contains("error:"), "the listing was interrupted, not printed:\n" + listing);
                assertTrue(Pattern.compile("default/worker_id_next_generator[^\n]*\n└[─┴]+┘\n").matcher(listing).find(),
                        "the listing did not print to its last key:\n" + listing);
                promptBackThenCtrlCIgnoredThenCtrlDLeaves(tmux, prompt);
            }
        }
    }

    /** write(2)'s number in /proc/PID/syscall: 1 on x86-64, 64 on arm64. */
    private static final String WRITE_SYSCALL = System.getProperty("os.arch").equals("aarch64") ? "64" : "1";

    /** Waits until a thread of {@code process} is in write(2) to the terminal {@code tty}: the terminal is full. */
    private static void waitUntilBlockedWritingTo(ProcessHandle process, String tty) throws Exception {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        Path ttyPath = Path.of(tty).toRealPath();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "rwsh ended while printing");
            List<Path> threads;
            try (Stream<Path> list = Files.list(tasks)) {
                threads = list.toList();
            }
            for (Path thread : threads) {
                String[] call;
                try {
                    call = Files.readString(thread.resolve("syscall")).strip().split(" ");
                } catch (java.io.IOException gone) {
                    continue; // the thread ended
                }
                // "N 0xFD ..." is system call N with FD first; a running thread shows "running"
                if (call.length > 1 && call[0].equals(WRITE_SYSCALL) && call[1].startsWith("0x")) {
                    Path fd = Path.of("/proc", Long.toString(process.pid()), "fd", Long.toString(Long.parseLong(call[1].substring(2), 16)));
                    try {
                        if (fd.toRealPath().equals(ttyPath)) {
                            return;
                        }
                    } catch (java.io.IOException closed) {
                        // the descriptor was closed meanwhile
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("rwsh never blocked writing to " + tty + ": the listing fit in the terminal's buffer");
    }
}
