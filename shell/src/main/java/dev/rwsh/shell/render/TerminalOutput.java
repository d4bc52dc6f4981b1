package dev.rwsh.shell.render;

import dev.rwsh.commands.result.RawOutput;
import dev.rwsh.shell.launch.LaunchOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Terminal;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Where a line's result meets the screen. On a terminal, tables fit its width and, in the interactive
 * shell, output taller than the screen goes through the pager. Anything else (a pipe, a file, {@code -c}
 * or {@code -f} into a file) gets every value whole at its natural width and is never paged.
 */
@Component
public class TerminalOutput {
    /** Used when the terminal cannot tell its size. */
    private static final int FALLBACK_WIDTH = 80;
    private static final int FALLBACK_HEIGHT = 24;
    private final OutputRenderer renderer;
    private final Terminal terminal;
    private final LaunchOptions options;

    public TerminalOutput(OutputRenderer renderer, @Lazy Terminal terminal, LaunchOptions options) {
        this.renderer = renderer;
        this.terminal = terminal;
        this.options = options;
    }

    public void show(Object result, OutputFormat format, LineDisplay display, PrintStream out) {
        if (!onTerminal()) {
            renderer.render(result, format, new TableLayout(0, display.expanded()), out);
            return;
        }
        TableLayout layout = new TableLayout(size(terminal.getWidth(), FALLBACK_WIDTH), display.expanded());
        if (!display.pager() || !options.interactive() || result instanceof RawOutput raw && raw.rawBytes() != null) {
            renderer.render(result, format, layout, out);
            return;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream bufferStream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        renderer.render(result, format, layout, bufferStream);
        bufferStream.flush();
        byte[] text = buffer.toByteArray();
        int height = size(terminal.getHeight(), FALLBACK_HEIGHT);
        // the prompt takes the last line of the screen
        boolean fits = ScreenLines.count(new String(text, StandardCharsets.UTF_8), layout.width()) < height;
        if (fits || "dumb".equals(terminal.getType())) {
            out.write(text, 0, text.length);
        } else if (!Pager.page(text, terminal)) {
            System.err.println("warning: pager '" + Pager.command() + "' did not start: set PAGER to a pager, or 'pager off'");
            out.write(text, 0, text.length);
        }
        out.flush();
    }

    /** Standard input and output are a terminal (Java's console exists only then). */
    private static boolean onTerminal() {
        return System.console() != null;
    }

    private static int size(int reported, int fallback) {
        return reported > 0 ? reported : fallback;
    }
}
