package dev.rwsh.shell.runbook;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import dev.rwsh.shell.session.ShellSession;
import org.springframework.stereotype.Component;

/**
 * Runs a sequence of lines (a {@code .rwsh} file, standard input, or the launcher's {@code -c}
 * commands) and stops at the first failing line unless the sequence said {@code on-error continue} (or {@code ignore}).
 * Runbooks nest through {@code source}; each has its own error policy.
 */
@Component
public class RunbookRunner {

    /** What a runbook run ended with; {@code exitRequested} when a line said exit. */
    public record RunOutcome(ExitStatus status, boolean exitRequested) {
    }

    private static final class Frame {
        final String name;
        final Path directory;
        /** The runbook file's real path; null for standard input and -c. */
        final Path file;
        boolean stopOnError = true;
        /** False under {@code on-error ignore}: a failing line is reported but does not make the runbook fail. */
        boolean failuresCount = true;

        Frame(String name, Path directory, Path file) {
            this.name = name;
            this.directory = directory;
            this.file = file;
        }
    }

    /** Set while a runbook file runs: its directory, so it can name files beside it. */
    public static final String RUNBOOK_DIR = "RUNBOOK_DIR";

    private final LineExecutor executor;
    private final ShellSession session;
    private final Deque<Frame> frames = new ArrayDeque<>();

    public RunbookRunner(LineExecutor executor, ShellSession session) {
        this.executor = executor;
        this.session = session;
    }

    /** Runs a runbook file, or standard input for "-". Relative paths resolve against the calling runbook. */
    public RunOutcome runFile(String file) {
        if (file.equals("-")) {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                return runLines("<stdin>", null, in.lines().iterator());
            } catch (java.io.UncheckedIOException e) {
                throw RwshException.failed("could not read standard input: " + e.getMessage(), e);
            }
        }
        Path path = resolve(file);
        List<String> lines;
        Path realPath;
        try {
            realPath = path.toRealPath();
            refuseCycle(file, realPath);
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw RwshException.failed("no runbook at " + path);
        } catch (CharacterCodingException e) {
            throw notText(path);
        } catch (IOException e) {
            throw RwshException.failed("could not read runbook " + path + ": " + e.getMessage(), e);
        }
        if (lines.stream().anyMatch(line -> line.indexOf('\0') >= 0)) {
            throw notText(path);
        }
        return runLines(file, path.toAbsolutePath().getParent(), realPath, lines.iterator());
    }

    private static RwshException notText(Path path) {
        return RwshException.failed("runbook " + path + " is not a text runbook (it is not UTF-8 text without NUL bytes);"
                + " give a .rwsh file with one command per line");
    }

    /** A runbook that sources itself, directly or through others, would recurse until the stack overflows. */
    private void refuseCycle(String file, Path realPath) {
        List<Frame> chain = new ArrayList<>(frames);
        Collections.reverse(chain);
        for (int i = 0; i < chain.size(); i++) {
            if (realPath.equals(chain.get(i).file)) {
                StringBuilder cycle = new StringBuilder();
                for (Frame frame : chain.subList(i, chain.size())) {
                    cycle.append(frame.name).append(" -> ");
                }
                cycle.append(file);
                throw RwshException.usage("runbook cycle: " + cycle + " (a runbook may not source one that is"
                        + " already running); remove the 'source " + file + "' line from " + chain.get(chain.size() - 1).name);
            }
        }
    }

    private Path resolve(String file) {
        Path path = Path.of(file);
        if (!path.isAbsolute() && !frames.isEmpty() && frames.peek().directory != null) {
            return frames.peek().directory.resolve(path);
        }
        return path;
    }

    /**
     * Runs the lines in order. With {@code on-error continue} a failing line is reported and the
     * run goes on; the outcome is then the status of the last failing line.
     */
    public RunOutcome runLines(String name, Path directory, Iterator<String> lines) {
        return runLines(name, directory, null, lines);
    }

    private RunOutcome runLines(String name, Path directory, Path file, Iterator<String> lines) {
        Frame frame = new Frame(name, directory, file);
        frames.push(frame);
        String outerDir = session.variables().get(RUNBOOK_DIR);
        if (directory != null) {
            session.variables().put(RUNBOOK_DIR, directory.toString());
        }
        try {
            ExitStatus status = ExitStatus.OK;
            int number = 0;
            while (lines.hasNext()) {
                String line = lines.next();
                number++;
                LineOutcome outcome = executor.execute(line, name + ":" + number);
                if (outcome.exitRequested()) {
                    return new RunOutcome(status, true);
                }
                if (outcome.failed()) {
                    status = frame.failuresCount ? outcome.status() : status;
                    if (frame.stopOnError) {
                        return new RunOutcome(status, false);
                    }
                }
            }
            return new RunOutcome(status, false);
        } finally {
            frames.pop();
            if (outerDir == null) {
                session.variables().remove(RUNBOOK_DIR);
            } else {
                session.variables().put(RUNBOOK_DIR, outerDir);
            }
        }
    }

    /** {@code on-error stop|continue}: applies to the runbook being run; false when none is. */
    public boolean setStopOnError(boolean stop) {
        return setErrorPolicy(stop, true);
    }

    /** {@code on-error stop|continue|ignore}: whether a failing line stops the runbook, and whether it counts toward its exit status. */
    public boolean setErrorPolicy(boolean stop, boolean failuresCount) {
        if (frames.isEmpty()) {
            return false;
        }
        frames.peek().stopOnError = stop;
        frames.peek().failuresCount = failuresCount;
        return true;
    }

    public boolean inRunbook() {
        return !frames.isEmpty();
    }
}
