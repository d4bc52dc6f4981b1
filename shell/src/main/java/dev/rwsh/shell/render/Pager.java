package dev.rwsh.shell.render;

import java.io.IOException;
import java.io.OutputStream;
import org.jline.terminal.Terminal;

/**
 * Shows text through the user's pager ({@code $PAGER}, else {@code less -FRX}) on the real terminal:
 * the pager inherits the shell's standard output and error and reads the keyboard from the terminal,
 * while JLine's terminal is paused and Ctrl-C is left to the pager.
 */
final class Pager {
    static final String DEFAULT = "less -FRX";

    private Pager() {
    }

    /** The pager command line: {@code $PAGER} when set and not blank, else {@link #DEFAULT}. */
    static String command() {
        String pager = System.getenv("PAGER");
        return pager == null || pager.isBlank() ? DEFAULT : pager;
    }

    /**
     * Pipes {@code text} into the pager and waits for the user to leave it.
     *
     * @return false when the pager could not be started (the text was not shown)
     */
    static boolean page(byte[] text, Terminal terminal) {
        System.out.flush();
        System.err.flush();
        // Ctrl-C belongs to the pager while it runs; the shell must neither die nor interrupt itself.
        Terminal.SignalHandler previousInt = terminal.handle(Terminal.Signal.INT, signal -> {
        });
        terminal.pause();
        try {
            Process pager = new ProcessBuilder("/bin/sh", "-c", command()).inheritIO()
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            try (OutputStream in = pager.getOutputStream()) {
                in.write(text);
            } catch (IOException e) {
                // the user left the pager before it read everything
            }
            int status = waitUninterruptibly(pager);
            return status != 126 && status != 127; // the shell's "cannot execute" and "not found"
        } catch (IOException e) {
            return false;
        } finally {
            terminal.resume();
            terminal.handle(Terminal.Signal.INT, previousInt);
        }
    }

    private static int waitUninterruptibly(Process process) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
