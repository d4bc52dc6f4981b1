package dev.rwsh.shell.session;

import dev.rwsh.shell.launch.LaunchOptions;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import org.jline.terminal.Terminal;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalExt;
import org.jline.terminal.spi.TerminalProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Where and how long commands draw their progress: interactively on the shell's own JLine
 * terminal; otherwise on standard error, so results on standard output stay clean. A bar when that
 * is a terminal, one plain line per step when it is a pipe, a file or TERM=dumb. The terminal is the
 * one Spring Shell opened: nothing here opens or reconfigures another.
 */
@Component
public class TerminalProgress {
    private final Terminal terminal;
    private final LaunchOptions options;

    public TerminalProgress(@Lazy Terminal terminal, LaunchOptions options) {
        this.terminal = terminal;
        this.options = options;
    }

    /** A renderer for one command; close it when the command ends (it erases its bar). */
    public ProgressRenderer open() {
        boolean dumb = dumb();
        // The width is asked once, here: asking the terminal from an interrupted command thread fails (JLine's exec
        // provider runs stty), and a resize during one command only shortens or lengthens its bar.
        if (options.interactive()) {
            int width = terminalWidth();
            return new ProgressRenderer(terminal.writer(), !dumb, () -> width, System::nanoTime);
        }
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()));
        TerminalProvider provider = terminal instanceof TerminalExt ext ? ext.getProvider() : null;
        boolean stderrIsTerminal = !dumb && provider != null && provider.isSystemStream(SystemStream.Error);
        int width = stderrIsTerminal ? stderrWidth(provider) : 80;
        return new ProgressRenderer(err, stderrIsTerminal, () -> width, System::nanoTime);
    }

    private boolean dumb() {
        String type = terminal.getType();
        return "dumb".equals(System.getenv("TERM")) || Terminal.TYPE_DUMB.equals(type) || Terminal.TYPE_DUMB_COLOR.equals(type);
    }

    private int terminalWidth() {
        try {
            int width = terminal.getWidth();
            return width > 0 ? width : 80;
        } catch (RuntimeException | java.io.IOError e) {
            return 80; // progress is worth no failure
        }
    }

    private int stderrWidth(TerminalProvider provider) {
        int width = provider == null ? 0 : provider.systemStreamWidth(SystemStream.Error);
        return width > 0 ? width : terminalWidth();
    }
}
