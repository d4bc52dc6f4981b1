package dev.rwsh.shell.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A program in a real terminal: tmux runs it, send-keys types, capture-pane reads the screen. */
final class Tmux implements AutoCloseable {
    private final String session = "rwsh-it-" + UUID.randomUUID().toString().substring(0, 8);

    Tmux(String shellCommand) throws IOException, InterruptedException {
        this(shellCommand, 160, 50);
    }

    /** A terminal of {@code columns} by {@code lines}. */
    Tmux(String shellCommand, int columns, int lines) throws IOException, InterruptedException {
        tmux("new-session", "-d", "-s", session, "-x", Integer.toString(columns), "-y", Integer.toString(lines), shellCommand);
        // keep the pane (and its screen) when the program ends, so a test can still read what it printed last
        tmux("set-option", "-t", session, "remain-on-exit", "on");
    }

    void send(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(new String[0]));
    }

    /** Types text literally (no key-name interpretation). */
    void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", session, "-l", text);
    }

    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", session, "-S", "-200");
    }

    /** Only what the pane shows now, one string per line of the pane (line 0 at the top). */
    String[] visibleLines() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", session).split("\n", -1);
    }

    /**
     * Whether the pane's terminal is in canonical (cooked) mode: the shell is not reading a line
     * (JLine reads in raw mode) but running a command.
     */
    boolean cooked() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("stty", "-a", "-F", tty()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return p.exitValue() == 0 && java.util.Arrays.asList(out.split("[\\s;]+")).contains("icanon");
    }

    /** The pane line (0 at the top) the cursor is on. */
    int cursorLine() throws IOException, InterruptedException {
        return Integer.parseInt(tmux("display-message", "-p", "-t", session, "#{cursor_y}").strip());
    }

    /** The screen and its history as written: a line the terminal wrapped is joined back into one. */
    String joinedScreen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-t", session, "-S", "-", "-E", "-");
    }

    /** The whole scrollback (tmux keeps 2000 lines by default) and the screen. */
    String history() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", session, "-S", "-");
    }

    /** Whether the program still runs in the pane. */
    boolean alive() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "-L", session, "display-message", "-p", "-t", session, "#{pane_dead}").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(10, TimeUnit.SECONDS);
        return p.exitValue() == 0 && out.equals("0");
    }

    private boolean sessionExists() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "-L", session, "has-session", "-t", session).redirectErrorStream(true).start();
        p.waitFor(10, TimeUnit.SECONDS);
        return p.exitValue() == 0;
    }

    /** Waits until the screen contains {@code text}; returns the screen. */
    String waitFor(String text, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = screen();
            if (screen.contains(text)) {
                return screen;
            }
            // the program may print its last words and end between the capture above and this check
            if (!alive() && !screen().contains(text)) {
                throw new AssertionError("the program ended before the screen showed '" + text + "':\n" + history());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("screen never showed '" + text + "' within " + seconds + " s:\n" + screen);
    }

    /** Waits until the screen matches {@code pattern} somewhere; returns the screen. */
    String waitFor(java.util.regex.Pattern pattern, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = screen();
            if (pattern.matcher(screen).find()) {
                return screen;
            }
            if (!alive() && !pattern.matcher(screen()).find()) {
                throw new AssertionError("the program ended before the screen matched '" + pattern + "':\n" + history());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("screen never matched '" + pattern + "' within " + seconds + " s:\n" + screen);
    }

    /**
     * Waits until the last non-blank line of the screen is exactly {@code expected} (say, an empty
     * prompt: the shell has finished drawing and waits for input); returns the screen.
     */
    String waitForLastLine(String expected, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String screen = "";
        String last = "";
        while (System.nanoTime() < deadline) {
            screen = screen();
            List<String> lines = screen.strip().lines().toList();
            last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).stripTrailing();
            if (last.equals(expected)) {
                return screen;
            }
            if (!alive()) {
                List<String> after = screen().strip().lines().toList();
                if (!after.isEmpty() && after.get(after.size() - 1).stripTrailing().equals(expected)) {
                    continue; // it ended right after drawing the line: the next round returns it
                }
                throw new AssertionError("the program ended before its last line became '" + expected + "':\n" + history());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("last line never became '" + expected + "' within " + seconds + " s, it is '" + last + "':\n" + screen);
    }

    /**
     * Runs one line at the prompt, waits until the screen shows {@code result}, then runs
     * {@code echo marker} and waits for its output line: the shell still prints after the command.
     */
    String run(String line, String result, String marker, int seconds) throws IOException, InterruptedException {
        type(line);
        send("Enter");
        waitFor(result, seconds);
        type("echo " + marker);
        send("Enter");
        return waitFor("\n" + marker + "\n", seconds);
    }

    /**
     * Turns the pager off and waits until the shell says so. A test whose results may be taller
     * than the pane calls it first, so that what it types next reaches the shell, not less
     * (TerminalOutputIT tests the pager itself).
     */
    void pagerOff() throws IOException, InterruptedException {
        type("pager off");
        send("Enter");
        type("pager");
        send("Enter");
        waitFor("pager is off", 60);
    }

    /** Forgets the scrollback and clears the screen, so later waits see only what comes next. */
    void clear() throws IOException, InterruptedException {
        send("C-l");
        tmux("clear-history", "-t", session);
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("tmux");
        // A server of its own: tests (and other users of tmux on the machine) never share one, so
        // one closing its last session cannot take the server down under another starting.
        command.addAll(List.of("-L", session));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    /**
     * Stops the tmux server (SIGSTOP): it no longer reads what the program writes, so a program
     * printing more than the terminal holds blocks in its write. {@link #resumeServer} continues it.
     */
    void suspendServer() throws IOException, InterruptedException {
        signal("STOP", serverPid());
    }

    void resumeServer() throws IOException, InterruptedException {
        signal("CONT", serverPid);
    }

    private long serverPid = -1;

    private long serverPid() throws IOException, InterruptedException {
        if (serverPid < 0) {
            serverPid = Long.parseLong(tmux("display-message", "-p", "-t", session, "#{pid}").strip());
        }
        return serverPid;
    }

    /** The pane's terminal device, such as /dev/pts/7. */
    String tty() throws IOException, InterruptedException {
        return tmux("display-message", "-p", "-t", session, "#{pane_tty}").strip();
    }

    /** The process named {@code name} (its executable's file name) that the pane's shell started. */
    ProcessHandle program(String name) throws IOException, InterruptedException {
        ProcessHandle pane = paneProcess();
        if (pane == null) {
            throw new IllegalStateException("tmux session " + session + " has no pane process");
        }
        return pane.descendants()
                .filter(h -> h.info().command().map(c -> java.nio.file.Path.of(c).getFileName().toString().equals(name)).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no process '" + name + "' runs in tmux session " + session));
    }

    /** Sends {@code signal} (a name such as INT) to {@code pid}, as kill(1) does. */
    static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed: " + out);
        }
    }

    /** The process running in the pane (the shell command tmux started), or null when the session is gone. */
    private ProcessHandle paneProcess() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "-L", session, "list-panes", "-t", session, "-F", "#{pane_pid}").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
            return null;
        }
        return ProcessHandle.of(Long.parseLong(out.lines().findFirst().orElseThrow())).orElse(null);
    }

    /**
     * Ends the session and waits until the pane's processes have exited, so that a test may then
     * delete what they use (a temporary HOME the shell still writes its history into).
     */
    @Override
    public void close() throws IOException, InterruptedException {
        ProcessHandle pane = paneProcess();
        List<ProcessHandle> processes = new ArrayList<>();
        if (pane != null) {
            processes.add(pane);
            pane.descendants().forEach(processes::add);
        }
        if (sessionExists()) {
            tmux("kill-session", "-t", session);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (ProcessHandle h : processes) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (h.isAlive()) {
                throw new IllegalStateException("process " + h.pid() + " of tmux session " + session + " did not exit within 60 s");
            }
        }
    }
}
