package dev.rwsh.shell.command;

import dev.rwsh.commands.generate.SampleBackupCommand;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.backup.BackupInspectCommand;
import dev.rwsh.commands.backup.BackupRestoreCommand;
import dev.rwsh.commands.backup.BackupSaveCommand;
import dev.rwsh.commands.backup.BackupVerifyCommand;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.shell.launch.RwshVersion;
import dev.rwsh.shell.session.Confirmation;
import dev.rwsh.shell.session.ProgressRenderer;
import dev.rwsh.shell.session.ShellSession;
import dev.rwsh.shell.session.TerminalProgress;
import java.nio.file.Path;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** backup save, verify, inspect, restore. */
@Command(group = "Backup")
public class BackupCommands {
    private final ShellSession session;
    private final Confirmation confirmation;
    private final TerminalProgress progress;

    public BackupCommands(ShellSession session, Confirmation confirmation, TerminalProgress progress) {
        this.session = session;
        this.confirmation = confirmation;
        this.progress = progress;
    }

    @Command(command = "backup save", description = "Save every key (or those under a prefix) of the live etcd at one revision to FILE; --etcd-snapshot saves etcd's own snapshot instead.")
    public CommandResult save(
            @Option(longNames = "file", required = true, label = "FILE", description = "the backup file to write (written as a hidden temporary file, mode 0600, renamed when complete)") String file,
            @Option(longNames = "prefix", label = "PREFIX", description = "save only the keys under PREFIX (\\xNN for a byte)") String prefix,
            @Option(longNames = "etcd-snapshot", description = "save etcd's own snapshot (for 'etcdctl snapshot restore') instead of rwsh's format") boolean etcdSnapshot,
            @Option(longNames = "force", description = "replace FILE if it exists") boolean force) {
        if (etcdSnapshot && prefix != null && !prefix.isEmpty()) {
            throw RwshException.usage("--etcd-snapshot saves the whole database: it takes no --prefix");
        }
        try (ProgressRenderer renderer = progress.open()) {
            if (etcdSnapshot) {
                return BackupSaveCommand.runEtcdSnapshot(session.engine(), Path.of(file), force, renderer);
            }
            return BackupSaveCommand.run(session.engine(), Path.of(file), prefix, force, RwshVersion.version(), renderer);
        }
    }

    @Command(command = "backup verify", description = "Check a backup's structure and checksums; exit status 3 if it is damaged, saying where.")
    public CommandResult verify(
            @Option(longNames = "file", required = true, label = "FILE", description = "the backup file") String file) {
        try (ProgressRenderer renderer = progress.open()) {
            return BackupVerifyCommand.run(Path.of(file), renderer);
        }
    }

    @Command(command = "backup inspect", description = "Show a backup's header and its keys and bytes per column family.")
    public CommandResult inspect(
            @Option(longNames = "file", required = true, label = "FILE", description = "the backup file") String file) {
        try (ProgressRenderer renderer = progress.open()) {
            return BackupInspectCommand.run(Path.of(file), renderer);
        }
    }

    @Command(command = "sample backup", description = "Write a generated RisingWave v2.0.7 cluster's metadata into a backup file, to try rwsh without a cluster.")
    public CommandResult sampleBackup(
            @Option(longNames = "file", required = true, label = "FILE", description = "the backup file to write") String file,
            @Option(longNames = "seed", defaultValue = "1", label = "N", description = "the generator's seed: the same seed gives the same file") long seed,
            @Option(longNames = "jobs", defaultValue = "0", label = "N", description = "extra streaming jobs beyond the base cluster") int jobs,
            @Option(longNames = "force", description = "replace FILE if it exists") boolean force) {
        try (ProgressRenderer renderer = progress.open()) {
            return SampleBackupCommand.run(Path.of(file), seed, jobs, force, renderer);
        }
    }

    @Command(command = "backup restore", description = "Write a backup's keys into the connected etcd (the only command that writes to etcd).")
    public CommandResult restore(
            @Option(longNames = "file", required = true, label = "FILE", description = "the backup file") String file,
            @Option(longNames = "force", description = "restore into a non-empty target: keys the backup does not have are deleted") boolean force,
            @Option(longNames = "yes", description = "do not ask for confirmation") boolean yes,
            @Option(longNames = "max-request-bytes", label = "BYTES", description = "the target's --max-request-bytes (default: etcd's 1572864, lowered by probing if the target refuses it)") Long maxRequestBytes,
            @Option(longNames = "max-txn-ops", label = "N", description = "the target's --max-txn-ops (default: etcd's 128)") Integer maxTxnOps) {
        BackupRestoreCommand.Limits limits = null;
        if (maxRequestBytes != null || maxTxnOps != null) {
            long bytes = maxRequestBytes == null ? BackupRestoreCommand.Limits.etcdDefaults().maxRequestBytes() : maxRequestBytes;
            int ops = maxTxnOps == null ? BackupRestoreCommand.Limits.etcdDefaults().maxTxnOps() : maxTxnOps;
            if (bytes < 4096 || ops < 1) {
                throw RwshException.usage("--max-request-bytes must be at least 4096 and --max-txn-ops at least 1");
            }
            limits = new BackupRestoreCommand.Limits(bytes, ops);
        }
        BackupRestoreCommand.Plan plan;
        try (ProgressRenderer renderer = progress.open()) {
            plan = BackupRestoreCommand.plan(session.engine(), Path.of(file), force, limits, renderer);
        }
        if (plan.targetKeys() > 0) {
            confirmation.require("backup restore", plan.describe(), yes);
        }
        try (ProgressRenderer renderer = progress.open()) {
            return BackupRestoreCommand.execute(plan, renderer);
        }
    }
}
