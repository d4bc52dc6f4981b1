package dev.rwsh.shell.session;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SecretText;
import dev.rwsh.shell.render.ExpandedMode;
import dev.rwsh.shell.render.OutputFormat;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Everything a shell session remembers between commands: the engine's connections, the
 * variables, the output format and display settings, the error policy, and the last error for {@code stacktrace}.
 */
@Component
public class ShellSession {
    private final Session engine = new Session();
    private final Map<String, String> variables = new TreeMap<>();
    private OutputFormat format = OutputFormat.TABLE;
    private ExpandedMode expanded = ExpandedMode.OFF;
    private boolean pager = true;
    private boolean assumeYes;
    private Throwable lastError;
    private ExitStatus exitStatus = ExitStatus.OK;

    public Session engine() {
        return engine;
    }

    public Map<String, String> variables() {
        return variables;
    }

    public OutputFormat format() {
        return format;
    }

    public void format(OutputFormat format) {
        this.format = format;
    }

    /** Tables one field per line: on, off, or auto (when a table is wider than the terminal). */
    public ExpandedMode expanded() {
        return expanded;
    }

    public void expanded(ExpandedMode expanded) {
        this.expanded = expanded;
    }

    /** Long output of the interactive shell goes through the pager. */
    public boolean pager() {
        return pager;
    }

    public void pager(boolean pager) {
        this.pager = pager;
    }

    public boolean assumeYes() {
        return assumeYes;
    }

    public void assumeYes(boolean yes) {
        this.assumeYes = yes;
    }

    public Throwable lastError() {
        return lastError;
    }

    /** Kept with every message masked ({@link SecretText}): a driver or parser may have quoted a password. */
    public void lastError(Throwable error) {
        this.lastError = SecretText.mask(error);
    }

    /** The status the process exits with. */
    public ExitStatus exitStatus() {
        return exitStatus;
    }

    public void exitStatus(ExitStatus status) {
        this.exitStatus = status;
    }

    @PreDestroy
    public void close() {
        engine.close();
    }
}
