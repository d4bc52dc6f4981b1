package dev.rwsh.commands.preflight;

import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.preflight.PreflightCommand.Check;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Nothing writes to etcd while preflight watches its revision for {@code --watch}. */
final class RecentWritesCheck extends PreflightCheck {
    RecentWritesCheck() {
        super("no recent writes");
    }

    @Override
    public List<Check> run(PreflightContext context) {
        MetadataScan scan = context.scan;
        Duration watch = context.options.watch();
        String workers = scan.workers == 0 ? "no worker key" : scan.workers + " worker key(s), last written at revision " + scan.lastWorkerChange;
        String last = "last metadata write at revision " + scan.lastChange + (scan.lastChangeKey == null ? "" : " (" + scan.lastChangeKey + ")");
        if (watch == null || watch.isZero()) {
            return List.of(warning("not watched (--watch 0); " + last + "; " + workers, "run preflight with --watch SECONDS while nothing should write"));
        }
        waitWatching(watch, context);
        long revision = context.revision;
        long after = EtcdReachableCheck.currentRevision(context);
        if (after == revision) {
            return List.of(ok("revision " + revision + " did not move in " + watch.toSeconds() + " s; " + last + "; " + workers));
        }
        GetResponse changed = context.etcd.get(ByteSequence.from(new byte[] {0}), GetOption.builder().withRange(ByteSequence.from(new byte[] {0}))
                .withKeysOnly(true).withMinModRevision(revision + 1).withLimit(5).build());
        List<String> keys = new ArrayList<>();
        changed.getKvs().forEach(kv -> keys.add(KeyText.escape(kv.getKey().getBytes())));
        return List.of(failed("revision moved from " + revision + " to " + after + " in " + watch.toSeconds() + " s"
                + (keys.isEmpty() ? " (keys deleted)" : "; written: " + String.join(", ", keys)) + "; " + workers,
                "stop every RisingWave node (meta, compute, compactor, frontend) and whatever else writes to this etcd, then run preflight again"));
    }

    /** Waits in slices, so the progress moves second by second. */
    private static void waitWatching(Duration watch, PreflightContext context) {
        long waitMillis = watch.toMillis();
        context.progress.begin("watching etcd for writes", waitMillis / 1000, "s");
        try {
            for (long slept = 0; slept < waitMillis; ) {
                long slice = Math.min(1000, waitMillis - slept);
                Thread.sleep(slice);
                slept += slice;
                context.progress.advance(slice / 1000);
            }
        } catch (InterruptedException e) {
            throw new CommandInterruptedException("preflight interrupted while watching etcd's revision: no check result; nothing was changed", e);
        } finally {
            context.progress.end();
        }
    }
}
