package dev.rwsh.shell.command;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.preflight.DoctorCommand;
import dev.rwsh.commands.preflight.PreflightCommand;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.shell.session.ProgressRenderer;
import dev.rwsh.shell.session.ShellSession;
import dev.rwsh.shell.session.TerminalProgress;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** preflight and doctor: before a migration, and after one failed. */
@Command(group = "Preflight and troubleshooting")
public class TroubleshootCommands {
    private final ShellSession session;
    private final TerminalProgress progress;

    public TroubleshootCommands(ShellSession session, TerminalProgress progress) {
        this.session = session;
        this.progress = progress;
    }

    @Command(command = "preflight", description = "Run every check before migrate (etcd, meta node stopped, no writes, backup, SQL target, "
            + "permissions, empty target, metadata references, versions, creating jobs); a table of check, result and fix. Exit 3 when one failed.")
    public CommandResult preflight(
            @Option(longNames = "force", description = "the target is to be replaced (migrate -f): RisingWave metadata there is a warning") boolean force,
            @Option(longNames = "backup", label = "FILE", description = "an rwsh backup to compare with the last metadata change") String backup,
            @Option(longNames = "watch", label = "SECONDS", defaultValue = "2", description = "watch etcd's revision this long for writes (0: do not)") int watch,
            @Option(longNames = "etcd-endpoints", label = "HOST:PORT", description = "check this etcd instead of the session's (no TLS, no auth)") String etcdEndpoints,
            @Option(longNames = "sql-endpoint", label = "URL", description = "check this SQL target instead of the session's") String sqlEndpoint) {
        if (watch < 0) {
            throw RwshException.usage("--watch takes seconds, 0 or more");
        }
        try (ProgressRenderer renderer = progress.open()) {
            return PreflightCommand.run(session.engine(), blank(etcdEndpoints), blank(sqlEndpoint),
                    new PreflightCommand.Options(force, blank(backup) == null ? null : Path.of(backup), Duration.ofSeconds(watch)), renderer);
        }
    }

    @Command(command = "doctor", description = "After a failed or interrupted migrate: the state of the target (untouched, partial, complete "
            + "and clean, complete but differing, unreachable...) and the exact next command.")
    public CommandResult doctor(
            @Option(longNames = "sql-endpoint", label = "URL", description = "the migration's target, instead of the session's") String sqlEndpoint,
            @Option(longNames = "strict", description = "exit 3 unless the target is complete and clean") boolean strict) {
        return DoctorCommand.run(session.engine(), blank(sqlEndpoint), MigrateCommands.stateFile(), strict);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
