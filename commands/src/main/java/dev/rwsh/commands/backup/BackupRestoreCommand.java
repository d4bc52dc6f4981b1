package dev.rwsh.commands.backup;

import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.backupfile.BackupHeader;
import dev.rwsh.commands.backupfile.BackupProgress;
import dev.rwsh.commands.backupfile.BackupReader;
import dev.rwsh.commands.backupfile.BackupSummary;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.etcd.KeyValueEntry;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.session.Session;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code backup restore FILE}: writes a backup's pairs into the connected (live) etcd.
 *
 * <p>In two steps, so that the shell can ask before anything is written: {@link #plan} checks the
 * whole backup (as {@code backup verify} does), measures its largest request against the target's
 * limits, probes the target's limits without writing, and counts the keys already under the
 * backup's prefix in the target; it refuses a non-empty target unless {@code force}. {@link #execute}
 * then writes, through {@link EtcdRestoreWriter}: with {@code force}, keys under the prefix that the
 * backup does not have are deleted, so that afterwards the target's keys and values under the
 * prefix are exactly the backup's. Revisions, versions and leases are the target's own: etcd's
 * API cannot set them.
 */
public final class BackupRestoreCommand {
    private BackupRestoreCommand() {
    }

    /** The target's limits. {@code given} says the user set the request size, so it is not lowered by probing silently. */
    public record Limits(long maxRequestBytes, int maxTxnOps) {
        public static Limits etcdDefaults() {
            return new Limits(EtcdRestoreWriter.ETCD_DEFAULT_MAX_REQUEST_BYTES, EtcdRestoreWriter.ETCD_DEFAULT_MAX_TXN_OPS);
        }
    }

    public record Plan(Path file, BackupHeader header, BackupSummary summary, byte[] prefix, String target, long targetKeys,
            boolean force, Limits limits, String limitSource, long keysWithLease, EtcdConnection etcd) {

        /** What the restore is about to do, for a confirmation question. */
        public String describe() {
            String p = prefix.length == 0 ? "the whole keyspace" : "prefix " + KeyText.escape(prefix);
            return "etcd at " + target + " has " + targetKeys + " keys in " + p + "; restore replaces them with the backup's "
                    + summary.keyCount() + " keys (revision " + header.revision() + "), deleting the keys the backup does not have.";
        }
    }

    public record RestoreResult(String file, String target, String prefix, long keysWritten, long keysDeleted, long transactions,
            long maxRequestBytes, int maxTxnOps, String limitSource, long keysWithLease, double seconds) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder t = TableView.builder(null, "file", "target", "prefix", "written", "deleted", "transactions", "seconds");
            t.row(file, target, prefix.isEmpty() ? "(all keys)" : prefix, keysWritten, keysDeleted, transactions, String.format("%.1f", seconds));
            TableView.Builder n = TableView.builder("notes", "note");
            n.row("transactions of at most " + maxTxnOps + " operations and " + maxRequestBytes + " request bytes (" + limitSource + ")");
            if (keysWithLease > 0) {
                n.row(keysWithLease + " keys had a lease in the source; they were written without one (a lease does not survive a restore)");
            }
            return List.of(t.build(), n.build());
        }
    }

    /**
     * Checks everything before a write. {@code limits} null means etcd's defaults, lowered to
     * what the target accepts if it refuses them.
     */
    public static Plan plan(Session session, Path file, boolean force, Limits limits, BackupProgress progress) {
        EtcdConnection etcd = session.requireWritableEtcd("backup restore");
        // 1. The whole backup is sound, and its largest request is known.
        BackupHeader header;
        BackupSummary summary;
        long largest = 0;
        byte[] largestKey = null;
        int largestValue = 0;
        long leased = 0;
        try (BackupReader reader = BackupReader.open(file)) {
            header = reader.header();
            progress.begin("checking backup", reader.announcedKeys(), "keys");
            reader.progress(progress);
            try {
                for (KeyValueEntry e = reader.next(); e != null; e = reader.next()) {
                    long request = EtcdRestoreWriter.requestBytes(EtcdRestoreWriter.putBytes(e.key().length, e.value().length));
                    if (request > largest) {
                        largest = request;
                        largestKey = e.key();
                        largestValue = e.value().length;
                    }
                    if (e.lease() != 0) {
                        leased++;
                    }
                }
            } finally {
                progress.end();
            }
            summary = reader.finish();
        }
        // 2. The target's limits, probed without writing.
        EtcdRestoreWriter writer = new EtcdRestoreWriter(etcd, 0, 0);
        Limits effective = limits == null ? Limits.etcdDefaults() : limits;
        String source = limits == null ? "etcd's defaults" : "as given";
        if (!writer.accepts(effective.maxRequestBytes(), 1)) {
            long accepted = largestAccepted(writer, effective.maxRequestBytes());
            effective = new Limits(accepted, effective.maxTxnOps());
            source = "the target refused " + (limits == null ? "etcd's default" : "the given") + " request size; probed: about " + accepted;
        }
        if (!writer.accepts(1024, effective.maxTxnOps())) {
            int ops = largestAcceptedOps(writer, effective.maxTxnOps());
            effective = new Limits(effective.maxRequestBytes(), ops);
            source = source + "; the target refused " + limits(limits) + " operations per transaction; probed: " + ops;
        }
        if (largestKey != null && largest > effective.maxRequestBytes()) {
            boolean targetTakesIt = limits == null && writer.accepts(largest, 1);
            if (!targetTakesIt) {
                throw RwshException.failed("key " + KeyText.escape(largestKey) + " has a " + largestValue + "-byte value: a request of "
                        + largest + " bytes, over the target's request limit of " + effective.maxRequestBytes() + " bytes ("
                        + source + "; etcd's --max-request-bytes). Nothing was written. Start the target etcd with a larger "
                        + "--max-request-bytes and pass the same value to backup restore --max-request-bytes");
            }
        }
        // 3. The target is empty under the prefix, or force.
        byte[] prefix = header.prefix();
        long existing = EtcdSnapshot.open(etcd).count(prefix);
        if (existing > 0 && !force) {
            throw RwshException.failed("etcd at " + etcd.endpoints().display() + " already has " + existing + " keys "
                    + (prefix.length == 0 ? "" : "under " + KeyText.escape(prefix) + " ")
                    + "and restore does not mix two keyspaces: nothing was written. Add --force to make it equal to the backup "
                    + "(keys the backup does not have are deleted)");
        }
        return new Plan(file, header, summary, prefix, etcd.endpoints().display(), existing, force, effective, source, leased, etcd);
    }

    private static String limits(Limits given) {
        return given == null ? "etcd's default of " + EtcdRestoreWriter.ETCD_DEFAULT_MAX_TXN_OPS : "the given";
    }

    /** Bisects the largest request size the target accepts below {@code refused}, to 1 KiB. */
    private static long largestAccepted(EtcdRestoreWriter writer, long refused) {
        long lo = 4096;
        if (!writer.accepts(lo, 1)) {
            throw RwshException.failed("the target etcd refuses even a " + lo + "-byte request; check its --max-request-bytes");
        }
        long hi = refused;
        while (hi - lo > 1024) {
            long mid = (lo + hi) >>> 1;
            if (writer.accepts(mid, 1)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int largestAcceptedOps(EtcdRestoreWriter writer, int refused) {
        int lo = 1;
        int hi = refused;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (writer.accepts(1024, mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Writes the plan. Keys under the prefix that the backup lacks are deleted (only with force can there be any). */
    public static RestoreResult execute(Plan plan, BackupProgress progress) {
        long start = System.nanoTime();
        EtcdRestoreWriter writer = new EtcdRestoreWriter(plan.etcd(), plan.limits().maxRequestBytes(), plan.limits().maxTxnOps());
        progress.begin("backup restore", plan.summary().keyCount(), "keys");
        try (BackupReader reader = BackupReader.open(plan.file())) {
            KeyValueEntry[] next = {reader.next()};
            if (plan.force() && plan.targetKeys() > 0) {
                // Merge the target's keys (one pinned read) with the backup's, both in key order.
                EtcdSnapshot.open(plan.etcd()).scan(plan.prefix(), true, existing -> {
                    while (next[0] != null && Arrays.compareUnsigned(next[0].key(), existing.key()) < 0) {
                        next[0] = write(writer, reader, next[0], progress);
                    }
                    if (next[0] != null && Arrays.equals(next[0].key(), existing.key())) {
                        next[0] = write(writer, reader, next[0], progress);
                    } else {
                        writer.delete(existing.key());
                    }
                    return true;
                });
            }
            while (next[0] != null) {
                next[0] = write(writer, reader, next[0], progress);
            }
            writer.flush();
            reader.finish(); // the file did not change since plan() checked it
        } catch (RuntimeException e) {
            writer.drainQuietly();
            boolean interrupted = CommandInterruptedException.isInterruption(e);
            if (writer.committedPuts() + writer.committedDeletes() == 0) {
                throw interrupted ? new CommandInterruptedException("backup restore interrupted: nothing written to etcd", e) : e;
            }
            if (interrupted) {
                throw new CommandInterruptedException("backup restore interrupted after writing " + writer.committedPuts() + " keys and deleting "
                        + writer.committedDeletes() + ": the target is partly restored; run backup restore again with --force", e);
            }
            throw RwshException.failed("restore stopped after writing " + writer.committedPuts() + " keys and deleting "
                    + writer.committedDeletes() + ": " + e.getMessage() + ". The target is partly restored: run backup restore again with --force", e);
        } finally {
            progress.end();
        }
        return new RestoreResult(plan.file().toString(), plan.target(), KeyText.escape(plan.prefix()), writer.committedPuts(),
                writer.committedDeletes(), writer.transactions(), plan.limits().maxRequestBytes(), plan.limits().maxTxnOps(),
                plan.limitSource(), plan.keysWithLease(), (System.nanoTime() - start) / 1e9);
    }

    private static KeyValueEntry write(EtcdRestoreWriter writer, BackupReader reader, KeyValueEntry entry, BackupProgress progress) {
        CommandInterruptedException.throwIfInterrupted();
        writer.put(entry.key(), entry.value());
        progress.advance(1);
        return reader.next();
    }
}
