package dev.rwsh.commands.backup;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.backupfile.BackupFormat;
import dev.rwsh.commands.cutover.CutoverCommand;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code backup prune [DIR] --keep N | --older-than AGE}: deletes rwsh backups (files with rwsh's
 * magic, never anything else) beyond the newest N of each cluster, or older than AGE. Never deletes
 * the last readable backup of a cluster unless this session's cut-over check has passed for that
 * cluster; damaged backups are left for a person to look at. The caller confirms the plan first.
 */
public final class BackupPruneCommand {
    private static final Pattern AGE = Pattern.compile("(\\d+)([smhdw])");

    private BackupPruneCommand() {
    }

    public record Kept(String file, String why) {
    }

    public record PrunePlan(String directory, String rule, List<BackupListCommand.Entry> delete, List<Kept> kept) {
        public String describe() {
            return "Delete " + delete.size() + " backup file(s) from " + directory + " (" + rule + ")?";
        }
    }

    public record PruneResult(String directory, String rule, List<String> deleted, List<Kept> kept) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder t = TableView.builder("backup prune " + directory + " (" + rule + "): " + deleted.size() + " deleted", "file", "outcome");
            deleted.forEach(f -> t.row(f, "deleted"));
            kept.forEach(k -> t.row(k.file(), "kept: " + k.why()));
            return List.of(t.build());
        }
    }

    /** What a prune would delete and what it keeps on purpose; deletes nothing. Exactly one of {@code keep} and {@code olderThan}. */
    public static PrunePlan plan(Path dir, Session session, Integer keep, Duration olderThan, Instant now) {
        if ((keep == null) == (olderThan == null)) {
            throw RwshException.usage("backup prune takes one rule: --keep N or --older-than AGE (30d, 12h, 2w...)");
        }
        if (keep != null && keep < 0) {
            throw RwshException.usage("--keep takes a count, 0 or more");
        }
        String rule = keep != null ? "keep the newest " + keep + " per cluster" : "older than " + olderThan.toString().substring(2).toLowerCase(Locale.ROOT);
        List<BackupListCommand.Entry> all = BackupListCommand.scan(dir, BackupListCommand.migrationRecord(session), session.sql().isPresent(),
                new ArrayList<>());
        List<Kept> kept = new ArrayList<>();
        Map<String, List<BackupListCommand.Entry>> byCluster = new LinkedHashMap<>();
        for (BackupListCommand.Entry e : all) {
            if (!e.verified() || !e.readable()) {
                kept.add(new Kept(e.file(), "damaged (" + e.problem() + "): not pruned; look at it with backup verify, delete it by hand"));
                continue;
            }
            byCluster.computeIfAbsent(String.valueOf(e.clusterId()), k -> new ArrayList<>()).add(e); // newest first
        }
        List<BackupListCommand.Entry> delete = new ArrayList<>();
        String[] cutover = {null};
        for (Map.Entry<String, List<BackupListCommand.Entry>> c : byCluster.entrySet()) {
            List<BackupListCommand.Entry> backups = c.getValue();
            List<BackupListCommand.Entry> doomed = new ArrayList<>();
            for (int i = 0; i < backups.size(); i++) {
                BackupListCommand.Entry e = backups.get(i);
                boolean old = olderThan != null && Instant.parse(e.takenAt()).isBefore(now.minus(olderThan));
                if (keep != null ? i >= keep : old) {
                    doomed.add(e);
                }
            }
            if (!doomed.isEmpty() && doomed.size() == backups.size()) {
                if (cutover[0] == null) {
                    cutover[0] = cutoverPassed(session);
                }
                if (!cutover[0].equals("passed for " + c.getKey())) {
                    BackupListCommand.Entry newest = doomed.remove(0);
                    kept.add(new Kept(newest.file(), "the only backup left of cluster " + c.getKey() + ", and the cut-over check has not passed "
                            + "for it (" + cutover[0] + ")"));
                }
            }
            delete.addAll(doomed);
        }
        return new PrunePlan(dir.toString(), rule, delete, kept);
    }

    /** "passed for CLUSTER" when this session's cutover says safe, otherwise why not. */
    private static String cutoverPassed(Session session) {
        if (session.sql().isEmpty() || session.etcd().isEmpty()) {
            return "no cut-over check possible: connect etcd --endpoints and connect sql, then cutover";
        }
        try {
            CutoverCommand.CutoverResult r = CutoverCommand.run(session);
            return r.safe() && r.migratedFrom() != null ? "passed for " + r.migratedFrom().clusterId() : "cutover says " + r.verdict();
        } catch (RwshException e) {
            return "cutover failed: " + e.getMessage();
        }
    }

    /** Deletes the plan's files, each checked again to be an rwsh backup just before. */
    public static PruneResult run(PrunePlan plan) {
        List<String> deleted = new ArrayList<>();
        List<Kept> kept = new ArrayList<>(plan.kept());
        for (BackupListCommand.Entry e : plan.delete()) {
            Path p = Path.of(e.file());
            if (!BackupFormat.isBackup(p)) {
                kept.add(new Kept(e.file(), "no longer an rwsh backup (changed since it was listed): not deleted"));
                continue;
            }
            try {
                Files.delete(p);
                deleted.add(e.file());
            } catch (IOException x) {
                throw RwshException.failed("cannot delete " + p + ": " + x.getMessage() + "; deleted before it: " + (deleted.isEmpty() ? "none"
                        : String.join(", ", deleted)), x);
            }
        }
        return new PruneResult(plan.directory(), plan.rule(), deleted, kept);
    }

    /** An age: 90m, 12h, 30d, 2w (s, m, h, d, w), or ISO-8601 (P30D, PT12H). */
    public static Duration parseAge(String text) {
        Matcher m = AGE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw RwshException.usage("--older-than takes an age such as 30d, 12h, 90m or 2w, not '" + text + "'");
        }
    }

}
