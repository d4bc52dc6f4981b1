package dev.rwsh.shell.command;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.MessageResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.shell.render.ExpandedMode;
import dev.rwsh.shell.render.OutputFormat;
import dev.rwsh.shell.runbook.RunbookRunner;
import dev.rwsh.shell.session.PasswordSafeHistory;
import dev.rwsh.shell.session.ShellSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** Session state and runbook control: set, unset, vars, echo, source, on-error, format, expanded, pager, stacktrace. */
@Command(group = "Session and runbooks")
public class SessionCommands {
    /** Spring Shell's open-ended arities overflow its positional parser; a finite bound avoids that. */
    private static final int MAX_WORDS = 10_000;
    private final ShellSession session;
    /** Looked up on first use (the runner depends on the commands): a provider, not a lazy CGLIB proxy made at start. */
    private final ObjectProvider<RunbookRunner> runbooks;

    public SessionCommands(ShellSession session, ObjectProvider<RunbookRunner> runbooks) {
        this.session = session;
        this.runbooks = runbooks;
    }

    /** The variables as a table; a value that looks like a secret is masked. */
    public record VarsResult(Map<String, String> variables) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder table = TableView.builder(null, "name", "value");
            variables.forEach(table::row);
            return List.of(table.build());
        }
    }

    @Command(command = "set", description = "Set a session variable, used as ${NAME} in later lines.")
    public MessageResult set(
            @Option(longNames = "name", required = true, label = "NAME") String name,
            @Option(longNames = "value", required = true, label = "VALUE", arityMin = 1, arityMax = MAX_WORDS) String[] value) {
        dev.rwsh.shell.runbook.VariableExpander.requireValidName(name, "");
        session.variables().put(name, String.join(" ", value));
        return null;
    }

    @Command(command = "unset", description = "Remove a session variable.")
    public MessageResult unset(@Option(longNames = "name", required = true, label = "NAME") String name) {
        if (session.variables().remove(name) == null) {
            throw RwshException.failed("variable " + name + " is not set");
        }
        return null;
    }

    @Command(command = "vars", description = "List the session variables (secret-looking values masked).")
    public VarsResult vars() {
        Map<String, String> shown = new java.util.TreeMap<>();
        session.variables().forEach((k, v) -> shown.put(k, looksSecret(k, v) ? "****" : v));
        return new VarsResult(shown);
    }

    @Command(command = "echo", description = "Print a line of text (after ${NAME} substitution).")
    public MessageResult echo(@Option(longNames = "text", label = "TEXT", arityMax = MAX_WORDS) String[] text) {
        return new MessageResult(text == null ? "" : String.join(" ", text));
    }

    @Command(command = "source", description = "Run a runbook file; relative paths resolve against the calling runbook.")
    public MessageResult source(@Option(longNames = "file", required = true, label = "FILE") String file) {
        RunbookRunner.RunOutcome outcome = runbooks.getObject().runFile(file);
        if (outcome.status() != dev.rwsh.commands.ExitStatus.OK) {
            throw new RwshException(outcome.status(), "runbook " + file + " failed", null);
        }
        return null;
    }

    @Command(command = "on-error", description = "In a runbook: stop at the first failing line (default), continue (the runbook still fails), "
            + "or ignore (a failing line is reported and does not change the runbook's exit status).")
    public MessageResult onError(@Option(longNames = "policy", required = true, label = "stop|continue|ignore") String policy) {
        boolean stop = switch (policy) {
            case "stop" -> true;
            case "continue", "ignore" -> false;
            default -> throw RwshException.usage("on-error takes stop, continue or ignore, not '" + policy + "'");
        };
        if (!runbooks.getObject().setErrorPolicy(stop, !policy.equals("ignore"))) {
            return new MessageResult("on-error applies to runbooks and -c; the interactive shell always continues");
        }
        return null;
    }

    @Command(command = "format", description = "Set the session's output format: table, json or csv.")
    public MessageResult format(@Option(longNames = "format", label = "table|json|csv") String format) {
        if (format == null) {
            return new MessageResult("format is " + session.format().label());
        }
        session.format(OutputFormat.parse(format));
        return null;
    }

    @Command(command = "expanded", description = "Show tables one field per line: on, off, or auto (when a table is wider than the terminal).")
    public MessageResult expanded(@Option(longNames = "mode", label = "on|off|auto") String mode) {
        if (mode == null) {
            return new MessageResult("expanded is " + session.expanded().label());
        }
        session.expanded(ExpandedMode.parse(mode));
        return null;
    }

    @Command(command = "pager", description = "Page output longer than the screen in the interactive shell ($PAGER, else less -FRX): on or off.")
    public MessageResult pager(@Option(longNames = "setting", label = "on|off") String setting) {
        if (setting == null) {
            return new MessageResult("pager is " + (session.pager() ? "on" : "off"));
        }
        session.pager(switch (setting) {
            case "on" -> true;
            case "off" -> false;
            default -> throw RwshException.usage("pager takes on or off, not '" + setting + "'");
        });
        return null;
    }

    @Command(command = "exit", alias = "quit", description = "Leave the shell, or end the runbook here.")
    public MessageResult exit() {
        throw new org.springframework.shell.ExitRequest();
    }

    @Command(command = "stacktrace", description = "Show the full trace of the last error.")
    public MessageResult stacktrace() {
        Throwable last = session.lastError();
        if (last == null) {
            return new MessageResult("no error so far");
        }
        StringWriter trace = new StringWriter();
        last.printStackTrace(new PrintWriter(trace));
        return new MessageResult(trace.toString().stripTrailing());
    }

    private static boolean looksSecret(String name, String value) {
        return PasswordSafeHistory.isSecretName(name) || PasswordSafeHistory.carriesSecret(value);
    }
}
