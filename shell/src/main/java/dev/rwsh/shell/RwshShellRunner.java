package dev.rwsh.shell;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.connect.ConnectEtcdCommand;
import dev.rwsh.commands.connect.ConnectSqlCommand;
import dev.rwsh.commands.etcd.EtcdConnectOptions;
import dev.rwsh.commands.etcd.EtcdCredentials;
import dev.rwsh.commands.etcd.EtcdEndpoints;
import dev.rwsh.commands.sql.SecretText;
import dev.rwsh.shell.launch.LaunchOptions;
import dev.rwsh.shell.render.OutputFormat;
import dev.rwsh.shell.runbook.LineExecutor;
import dev.rwsh.shell.runbook.LineOutcome;
import dev.rwsh.shell.runbook.RunbookRunner;
import dev.rwsh.shell.runbook.RunbookRunner.RunOutcome;
import dev.rwsh.shell.session.PasswordSafeHistory;
import dev.rwsh.shell.session.ShellSession;
import java.io.IOError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.Signals;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.stereotype.Component;

/**
 * rwsh's single runner for every mode, called by {@link RwshMain} once the context is up: applies the launcher's
 * options, reads ~/.rwshrc, connects, then runs the -c commands, the -f runbook, or the interactive loop.
 */
@Component
public class RwshShellRunner {
    private final LaunchOptions options;
    private final ShellSession session;
    private final LineExecutor executor;
    private final RunbookRunner runbooks;
    private final ShellContext shellContext;
    private final LineReader lineReader;
    /** Made only for the interactive loop: a provider, not a lazy CGLIB proxy made at every start. */
    private final ObjectProvider<PasswordSafeHistory> history;

    public RwshShellRunner(LaunchOptions options, ShellSession session, LineExecutor executor, RunbookRunner runbooks,
            ShellContext shellContext, @Lazy LineReader lineReader, ObjectProvider<PasswordSafeHistory> history) {
        this.options = options;
        this.session = session;
        this.executor = executor;
        this.runbooks = runbooks;
        this.shellContext = shellContext;
        this.lineReader = lineReader;
        this.history = history;
    }

    /** Runs the shell; its exit status is the session's. */
    public void run() {
        shellContext.setInteractionMode(options.interactive() ? InteractionMode.INTERACTIVE : InteractionMode.NONINTERACTIVE);
        session.exitStatus(start());
    }

    private ExitStatus start() {
        try {
            applyOptions();
        } catch (RwshException e) {
            System.err.println("rwsh: " + SecretText.mask(e.getMessage()));
            return e.status();
        }
        if (!options.noRc) {
            runRcFile();
        }
        ExitStatus connected = connectAtStart();
        if (connected != ExitStatus.OK && !options.interactive()) {
            return connected;
        }
        if (options.interactive()) {
            interactiveLoop();
            return ExitStatus.OK;
        }
        if (!options.commands.isEmpty()) {
            RunOutcome outcome = runbooks.runLines("-c", null, options.commands.iterator());
            if (outcome.status() != ExitStatus.OK || outcome.exitRequested()) {
                return outcome.status();
            }
        }
        if (options.runbook != null) {
            try {
                return runbooks.runFile(options.runbook).status();
            } catch (RwshException e) {
                System.err.println("error: " + SecretText.mask(e.getMessage()));
                return e.status();
            }
        }
        return ExitStatus.OK;
    }

    private void applyOptions() {
        session.assumeYes(options.yes);
        if (options.format != null) {
            session.format(OutputFormat.parse(options.format));
        }
        for (String assignment : options.variables) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw RwshException.usage("-v takes NAME=VALUE, not '" + assignment + "'");
            }
            session.variables().put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
    }

    private void runRcFile() {
        Path rc = Path.of(homeDirectory(), ".rwshrc");
        if (Files.isRegularFile(rc)) {
            runbooks.runFile(rc.toString());
        }
    }

    /** Connections named on the launcher's command line; passwords never pass through a command line of the shell. */
    private ExitStatus connectAtStart() {
        try {
            if (options.etcdBackup != null) {
                if (options.etcdEndpoints != null || options.etcdUserPassword != null) {
                    throw RwshException.usage("--etcd-backup and --etcd-endpoints exclude each other: the source is a backup or a live etcd");
                }
                ConnectEtcdCommand.runBackup(session.engine(), Path.of(options.etcdBackup));
            } else if (options.etcdEndpoints != null) {
                EtcdCredentials credentials = EtcdCredentials.resolve(options.etcdUserPassword, null, null, session.engine().environment());
                ConnectEtcdCommand.run(session.engine(), new EtcdConnectOptions(EtcdEndpoints.parse(options.etcdEndpoints, false), credentials,
                        null, EtcdConnectOptions.defaultTimeout(session.engine().environment())));
            } else if (options.etcdUserPassword != null) {
                throw RwshException.usage("--etcd-user-password needs --etcd-endpoints");
            }
            if (options.sqlEndpoint != null) {
                ConnectSqlCommand.run(session.engine(), options.sqlEndpoint);
            }
            return ExitStatus.OK;
        } catch (RwshException e) {
            session.lastError(e);
            System.err.println("error: " + SecretText.mask(e.getMessage()));
            return e.status();
        }
    }

    private void interactiveLoop() {
        Path historyFile = Path.of(homeDirectory(), ".rwsh_history");
        try {
            history.getObject().persistTo(lineReader, historyFile);
        } catch (IOException e) {
            System.err.println("warning: could not use history file " + historyFile + ": " + e.getMessage());
        }
        // No !-history expansion: a line is run as typed, as with -c ('!=' in SQL stays '!=').
        lineReader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
        deliverInterruptsOnDumbTerminal(lineReader.getTerminal());
        ignoreInterruptsBetweenCommands(lineReader.getTerminal());
        System.out.println("rwsh " + dev.rwsh.shell.launch.RwshVersion.version() + " - 'help' lists the commands, 'exit' leaves.");
        int readFailures = 0;
        try {
            while (true) {
                String line;
                try {
                    line = lineReader.readLine(prompt());
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C clears the line, as in bash
                } catch (EndOfFileException e) {
                    break; // Ctrl-D
                } catch (IOError | IllegalStateException e) {
                    // JLine's exec terminal runs stty in a child process when it switches modes, and Ctrl-C
                    // signals that child too ("Failed to exec spawn helper ... signal 2"): a Ctrl-C that
                    // lands then must not end the shell; read the line again.
                    session.lastError(e);
                    if (++readFailures >= 3) {
                        throw e; // not a stray signal: the terminal is gone
                    }
                    continue;
                }
                readFailures = 0;
                LineOutcome outcome = executor.execute(line, null);
                if (outcome.exitRequested()) {
                    break;
                }
            }
        } finally {
            try {
                history.getObject().save();
            } catch (IOException e) {
                System.err.println("warning: could not save history to " + historyFile + ": " + SecretText.mask(e.getMessage()));
            }
        }
    }

    /**
     * JLine's dumb terminal (TERM=dumb) leaves SIGINT at the JVM's default, which ends the process:
     * route it to the terminal's handlers like the full terminals do, so Ctrl-C interrupts the
     * running command (see LineExecutor) and is ignored at the prompt.
     */
    private static void deliverInterruptsOnDumbTerminal(Terminal terminal) {
        if (terminal instanceof DumbTerminal) {
            Signals.register(Terminal.Signal.INT.name(), () -> terminal.raise(Terminal.Signal.INT));
        }
    }

    /**
     * Each command, the pager and JLine's readLine install their own INT handler and put back the
     * one they found. The terminal starts with SIG_DFL, the JVM's own, which ends the process, so
     * a Ctrl-C that lands between two of them (while a result prints, before the prompt is drawn)
     * would end the shell. Start from a handler that does nothing, so every put-back returns to it.
     * Only the interactive shell: in a -c or -f run, Ctrl-C between commands stops the runbook.
     */
    private static void ignoreInterruptsBetweenCommands(Terminal terminal) {
        terminal.handle(Terminal.Signal.INT, signal -> { });
    }

    /** $HOME as the user's shell sees it; Java's user.home comes from the password database instead. */
    private static String homeDirectory() {
        String home = System.getenv("HOME");
        return home == null || home.isBlank() ? System.getProperty("user.home") : home;
    }

    private String prompt() {
        StringBuilder p = new StringBuilder("rwsh");
        boolean etcd = session.engine().hasEtcdSource();
        boolean sql = session.engine().sql().isPresent();
        if (etcd || sql) {
            String source = session.engine().backup().isPresent() ? "backup" : "etcd";
            p.append('[').append(etcd ? source : "").append(etcd && sql ? "," : "").append(sql ? "sql" : "").append(']');
        }
        return p.append("> ").toString();
    }
}
