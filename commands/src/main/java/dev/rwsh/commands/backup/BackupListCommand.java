package dev.rwsh.commands.backup;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.backupfile.BackupFile;
import dev.rwsh.commands.backupfile.BackupFormat;
import dev.rwsh.commands.backupfile.BackupHeader;
import dev.rwsh.commands.backupfile.BackupSummary;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.schema.MigrationRecord;
import dev.rwsh.commands.session.Session;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code backup list [DIR]}: every rwsh backup in a directory (recognised by the magic bytes at its
 * start, whatever its name), newest first, each checked against its SHA-256 and matched with the
 * migration record of the SQL store the session is connected to. Hidden files (a save in progress)
 * are left out.
 */
public final class BackupListCommand {
    private BackupListCommand() {
    }

    /**
     * One backup.
     *
     * @param verified whether the file's structure and SHA-256 check out now
     * @param problem what is wrong with it, when not verified
     * @param migratedToConnectedStore whether the connected SQL store was migrated from this cluster at this revision (null: no SQL connected)
     */
    public record Entry(String file, String clusterId, long revision, String takenAt, long bytes, long keys, boolean verified, String problem,
            Boolean migratedToConnectedStore) {
        boolean readable() {
            return takenAt != null;
        }
    }

    public record ListResult(String directory, List<Entry> backups, List<String> otherFiles, String connectedStore) implements CommandResult {
        @Override
        public List<TableView> tables() {
            List<TableView> out = new ArrayList<>();
            TableView.Builder t = TableView.builder(backups.size() + " rwsh backup(s) in " + directory + (otherFiles.isEmpty() ? ""
                    : " (" + otherFiles.size() + " other file(s) are not rwsh backups)"), "file", "cluster id", "revision", "taken", "bytes", "keys",
                    "verified", "migrated to the connected store");
            for (Entry e : backups) {
                t.row(e.file(), nz(e.clusterId()), e.readable() ? e.revision() : "", nz(e.takenAt()), e.bytes(), e.readable() ? e.keys() : "",
                        e.verified() ? "yes" : "NO: " + e.problem(), e.migratedToConnectedStore() == null ? "(no SQL connected)"
                                : e.migratedToConnectedStore() ? "yes" : "no");
            }
            out.add(t.build());
            return out;
        }
    }

    public static ListResult run(Path dir, Session session) {
        Optional<MigrationRecord.Source> record = migrationRecord(session);
        List<Path> others = new ArrayList<>();
        List<Entry> backups = scan(dir, record, session.sql().isPresent(), others);
        return new ListResult(dir.toString(), backups, others.stream().map(p -> p.getFileName().toString()).sorted().toList(),
                session.sql().map(s -> s.endpoint().display()).orElse(null));
    }

    /** The connected SQL store's migration record, if a store is connected and has one. */
    static Optional<MigrationRecord.Source> migrationRecord(Session session) {
        return session.sql().flatMap(sql -> sql.withDialect("read the migration record of", MigrationRecord::read));
    }

    /** The backups in {@code dir}, newest first; files that are not rwsh backups go to {@code others}. */
    static List<Entry> scan(Path dir, Optional<MigrationRecord.Source> record, boolean sqlConnected, List<Path> others) {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                if (!Files.isRegularFile(p) || p.getFileName().toString().startsWith(".")) {
                    continue;
                }
                if (!BackupFormat.isBackup(p)) {
                    others.add(p);
                    continue;
                }
                out.add(entry(p, record, sqlConnected));
            }
        } catch (NoSuchFileException e) {
            throw RwshException.failed("no directory " + dir + ": give the directory the backups were saved in");
        } catch (IOException e) {
            throw RwshException.failed("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(NEWEST_FIRST);
        return out;
    }

    /**
     * Newest first, by the instant each backup was taken, then by revision: not by the text of the time, because
     * {@code Instant.toString} leaves out a fraction of zero, so a backup taken at {@code ...:30Z} would sort as newer
     * than one of {@code ...:30.079Z}, and {@code backup prune --keep} would keep the wrong one. Unreadable backups
     * (no time) go last.
     */
    static final Comparator<Entry> NEWEST_FIRST = Comparator.comparing(BackupListCommand::takenInstant,
                    Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(Comparator.comparingLong(Entry::revision).reversed())
            .thenComparing(Entry::file);

    private static Instant takenInstant(Entry e) {
        if (e.takenAt() == null) {
            return null;
        }
        try {
            return Instant.parse(e.takenAt());
        } catch (DateTimeParseException notATime) { // a header written by hand or by another tool: sorts with the unreadable
            return null;
        }
    }

    private static Entry entry(Path p, Optional<MigrationRecord.Source> record, boolean sqlConnected) {
        long bytes;
        try {
            bytes = Files.size(p);
        } catch (IOException e) {
            bytes = -1;
        }
        String problem = null;
        BackupHeader h = null;
        BackupSummary s = null;
        try (BackupFile f = BackupFile.open(p, true)) {
            h = f.header();
            s = f.summary();
        } catch (RwshException e) {
            problem = e.getMessage();
            try (BackupFile f = BackupFile.open(p, false)) {
                h = f.header();
                s = f.summary();
            } catch (RwshException unreadable) {
                // neither header nor index can be read: the entry says only what is wrong
            }
        }
        Boolean migrated = !sqlConnected ? null : h != null && record.isPresent() && record.get().revision() == h.revision()
                && record.get().clusterId() != null && record.get().clusterId().equals(h.rwClusterId());
        return new Entry(p.toString(), h == null ? null : h.rwClusterId(), h == null ? -1 : h.revision(), h == null ? null : h.createdAt(), bytes,
                s == null ? -1 : s.keyCount(), problem == null, problem, migrated);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
