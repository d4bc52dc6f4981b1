package dev.rwsh.commands.preflight;

import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.backupfile.BackupFile;
import dev.rwsh.commands.backupfile.BackupHeader;
import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.preflight.PreflightCommand.Check;
import java.nio.file.Path;
import java.util.List;

/** An rwsh backup of this cluster's whole keyspace holds the last metadata write. */
final class BackupCheck extends PreflightCheck {
    BackupCheck() {
        super("backup");
    }

    @Override
    public List<Check> run(PreflightContext context) {
        if (context.offlineSource != null) {
            return List.of(ok("the source is the backup itself"));
        }
        Path file = context.backup;
        MetadataScan scan = context.scan;
        if (file == null) {
            return List.of(warning("no backup known to this session", "take one after the cluster stopped (backup save FILE) "
                    + "and pass preflight --backup FILE"));
        }
        BackupHeader h;
        try (BackupFile backup = BackupFile.open(file, false)) {
            h = backup.header();
        } catch (CommandInterruptedException e) {
            throw e; // Ctrl-C stops the command; it is no failed check
        } catch (RwshException e) {
            return List.of(warning(e.getMessage() + " (an etcd snapshot's revision cannot be read without restoring it)",
                    "take an rwsh backup (backup save FILE) and pass it with --backup"));
        }
        String clusterId = context.clusterId;
        if (clusterId != null && h.rwClusterId() != null && !h.rwClusterId().equals(clusterId)) {
            return List.of(warning(file + " is of cluster " + h.rwClusterId() + ", etcd holds cluster " + clusterId,
                    "back up this etcd (backup save FILE)"));
        }
        if (h.prefix().length > 0) {
            return List.of(warning(file + " holds only the keys under " + KeyText.escape(h.prefix()),
                    "back up the whole keyspace (backup save FILE, without --prefix)"));
        }
        if (h.revision() < scan.lastChange) {
            return List.of(warning(file + " was taken at revision " + h.revision() + ", before the last metadata write at "
                    + scan.lastChange + (scan.lastChangeKey == null ? "" : " (" + scan.lastChangeKey + ")"),
                    "take a new backup now that the cluster is stopped (backup save FILE)"));
        }
        return List.of(ok(file + " at revision " + h.revision() + " holds the last metadata write (revision " + scan.lastChange + ")"));
    }
}
