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

    /** The screen and its history as written: a line the terminal wrapped is joined back into one. */
    String joinedScreen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-t", session, "-S", "-", "-E", "-");
    }

    /** Forgets the history and clears the screen, so that the next capture shows only what comes after. */
    void clear() throws IOException, InterruptedException {
        tmux("send-keys", "-t", session, "-R");
        tmux("clear-history", "-t", session);
    }

    boolean alive() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "has-session", "-t", session).redirectErrorStream(true).start();
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
            Thread.sleep(100);
        }
        throw new AssertionError("screen never showed '" + text + "' within " + seconds + " s:\n" + screen);
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("tmux");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (alive()) {
            tmux("kill-session", "-t", session);
        }
    }
}
