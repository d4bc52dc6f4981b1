package dev.rwsh.shell.session;

import dev.rwsh.commands.backupfile.BackupProgress;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.migrate.StepStats;
import java.io.PrintWriter;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Draws the progress of one long command, step by step, on a writer it is given (never opening or
 * querying a terminal itself). As a bar: one line, redrawn in place at most every
 * {@link #REDRAW_NANOS}, with done/total, percent, rate and ETA when the total is known, and
 * erased when the command ends, so results print on a clean line. As lines (a pipe, a file,
 * TERM=dumb): one plain line per finished step. Every call comes from the command's thread.
 */
public final class ProgressRenderer implements BackupProgress, MigrationListener, AutoCloseable {
    static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_CELLS = 20;

    private final PrintWriter out;
    private final boolean bars;
    private final IntSupplier width;
    private final LongSupplier clock;

    private String task;
    private String unit;
    private long total;
    private long done;
    private long started;
    private long lastDrawn;
    /** Width of what is on the line now (bars only), so the next drawing can blank it. */
    private int shown;

    /**
     * @param bars  draw a bar redrawn in place; otherwise one line per step
     * @param width the terminal's width in columns, asked at each drawing (it may change)
     */
    public ProgressRenderer(PrintWriter out, boolean bars, IntSupplier width, LongSupplier clock) {
        this.out = out;
        this.bars = bars;
        this.width = width;
        this.clock = clock;
    }

    // ---- BackupProgress ---------------------------------------------------------------------------

    @Override
    public void begin(String task, long total, String unit) {
        finish(null);
        this.task = task;
        this.unit = unit;
        this.total = total;
        this.done = 0;
        this.started = clock.getAsLong();
        this.lastDrawn = Long.MIN_VALUE;
        redraw(true);
    }

    @Override
    public void advance(long units) {
        done += units;
        redraw(false);
    }

    @Override
    public void end() {
        finish(null);
    }

    // ---- MigrationListener ------------------------------------------------------------------------

    @Override
    public void stepStarted(String step, long expectedRows) {
        begin(step, expectedRows, "rows");
    }

    @Override
    public void progress(String step, long rowsDone) {
        done = rowsDone;
        redraw(false);
    }

    @Override
    public void stepFinished(StepStats stats) {
        finish(String.format("%-26s read %d, wrote %d, skipped %d, %.2f s", stats.step(), stats.rowsRead(), stats.rowsWritten(), stats.skipped(),
                stats.seconds()));
    }

    // -----------------------------------------------------------------------------------------------

    /** The command ended (or stopped): a bar is erased; an unfinished step prints nothing. */
    @Override
    public void close() {
        if (bars) {
            erase();
        }
        task = null;
    }

    /** Ends the current task: a bar is erased; as lines, {@code line} (or a summary of the task) is printed. */
    private void finish(String line) {
        if (task == null) {
            return;
        }
        if (bars) {
            erase();
        } else {
            out.println(line != null ? line : String.format("%-26s %s %s, %.2f s", task, amount(done), unitLabel(), seconds(clock.getAsLong() - started)));
            out.flush();
        }
        task = null;
    }

    private void redraw(boolean force) {
        if (!bars || task == null) {
            return;
        }
        long now = clock.getAsLong();
        if (!force && now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        String text = fit(render(now), Math.max(10, width.getAsInt() - 1));
        out.print('\r' + text + " ".repeat(Math.max(0, shown - text.length())));
        shown = text.length();
        out.flush();
    }

    private void erase() {
        if (shown > 0) {
            out.print('\r' + " ".repeat(shown) + '\r');
            out.flush();
            shown = 0;
        }
    }

    /** The bar's text: task, then done/total with percent, rate and ETA when the total is known. */
    String render(long now) {
        double secs = seconds(now - started);
        double rate = secs > 0 ? done / secs : 0;
        StringBuilder b = new StringBuilder(String.format("%-26s ", task));
        if (total > 0) {
            long shownDone = Math.min(done, total);
            int filled = (int) (BAR_CELLS * shownDone / total);
            b.append(String.format("%3d%% [", 100 * shownDone / total)).append("=".repeat(filled))
                    .append(filled < BAR_CELLS ? ">" + " ".repeat(BAR_CELLS - filled - 1) : "").append("] ")
                    .append(amount(shownDone)).append('/').append(amount(total));
        } else {
            b.append(amount(done));
        }
        b.append(' ').append(unitLabel());
        if (done > 0 && secs > 0) {
            if (!"s".equals(unit)) { // a rate of seconds per second says nothing
                b.append(", ").append(rateText(rate));
            }
            b.append(", ").append(clockText(secs));
            if (total > 0 && rate > 0 && done < total) {
                b.append(", ETA ").append(clockText((total - done) / rate));
            }
        }
        return b.toString();
    }

    private String unitLabel() {
        return "bytes".equals(unit) ? "MiB" : unit;
    }

    private String amount(long n) {
        return "bytes".equals(unit) ? String.format("%.1f", n / 1048576.0) : Long.toString(n);
    }

    private String rateText(double perSecond) {
        return "bytes".equals(unit) ? String.format("%.1f MiB/s", perSecond / 1048576.0) : String.format("%.0f %s/s", perSecond, unit);
    }

    private static String clockText(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d", s / 60, s % 60);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** Cut to {@code columns}: a bar must never wrap, or it cannot be redrawn in place. */
    private static String fit(String text, int columns) {
        return text.length() <= columns ? text : text.substring(0, columns);
    }
}
