package dev.rwsh.shell.session;

import dev.rwsh.commands.backup.BackupProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.jline.terminal.Terminal;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Progress of long commands: a progress bar (me.tongfei:progressbar) on standard error when rwsh
 * runs on a terminal, nothing otherwise, so scripts and pipes see only the results.
 */
@Component
public class TerminalProgress {
    private final Terminal terminal;

    public TerminalProgress(@Lazy Terminal terminal) {
        this.terminal = terminal;
    }

    /** A listener for one command. */
    public BackupProgress listener() {
        if (System.console() == null) {
            return BackupProgress.NONE;
        }
        int width;
        try {
            width = terminal.getWidth();
        } catch (RuntimeException e) {
            width = 0;
        }
        return new Bar(width > 20 ? width - 1 : 79);
    }

    private static final class Bar implements BackupProgress {
        private final int width;
        private ProgressBar bar;

        Bar(int width) {
            this.width = width;
        }

        @Override
        public void begin(String task, long total, String unit) {
            end();
            ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err, width)).setUpdateIntervalMillis(200)
                    .clearDisplayOnFinish().showSpeed();
            if ("bytes".equals(unit)) {
                builder.setUnit(" MiB", 1 << 20);
            } else {
                builder.setUnit(" " + unit, 1);
            }
            bar = builder.build();
        }

        @Override
        public void advance(long units) {
            if (bar != null) {
                bar.stepBy(units);
            }
        }

        @Override
        public void end() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
