package dev.rwsh.commands.backup;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.backupfile.BackupCorruptException;
import dev.rwsh.commands.backupfile.BackupHeader;
import dev.rwsh.commands.backupfile.BackupProgress;
import dev.rwsh.commands.backupfile.BackupReader;
import dev.rwsh.commands.backupfile.BackupSummary;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code backup verify FILE}: reads the whole file and checks its structure, every block's CRC32,
 * the key order, the index and trailer, and the SHA-256. A damaged file is a failed check (exit
 * status 3) whose {@code problem} names the byte offset, block and record; a file that cannot be
 * opened at all (missing, no permission) is an error (exit status 1).
 */
public final class BackupVerifyCommand {
    private BackupVerifyCommand() {
    }

    public record VerifyResult(String file, boolean ok, String problem, long offset, int formatVersion, long revision,
            long keys, long blocks, long fileBytes, String sha256) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder t = TableView.builder(null, "file", "result", "format", "revision", "keys", "blocks", "file bytes", "sha-256");
            t.row(file, ok ? "ok" : "DAMAGED", formatVersion <= 0 ? "" : formatVersion, revision < 0 ? "" : revision,
                    keys < 0 ? "" : keys, blocks < 0 ? "" : blocks, fileBytes, sha256 == null ? "" : sha256);
            if (ok) {
                return List.of(t.build());
            }
            return List.of(t.build(), TableView.builder("problem", "problem").row(problem + (offset >= 0 ? " [byte " + offset + "]" : "")).build());
        }

        @Override
        public ExitStatus exitStatus() {
            return ok ? ExitStatus.OK : ExitStatus.CHECK_FAILED;
        }
    }

    public static VerifyResult run(Path file, BackupProgress progress) {
        long size = file.toFile().length();
        BackupReader reader;
        try {
            reader = BackupReader.open(file);
        } catch (BackupCorruptException e) {
            return new VerifyResult(file.toString(), false, e.getMessage(), e.offset(), -1, -1, -1, -1, size, null);
        }
        BackupHeader header = reader.header();
        try (reader) {
            progress.begin("backup verify", reader.announcedKeys(), "keys");
            reader.progress(progress);
            BackupSummary summary = reader.finish();
            return new VerifyResult(file.toString(), true, null, -1, reader.formatVersion(), header.revision(), summary.keyCount(),
                    summary.blockCount(), summary.fileBytes(), summary.sha256Hex());
        } catch (BackupCorruptException e) {
            return new VerifyResult(file.toString(), false, e.getMessage(), e.offset(), reader.formatVersion(), header.revision(),
                    -1, -1, size, null);
        } finally {
            progress.end();
        }
    }
}
