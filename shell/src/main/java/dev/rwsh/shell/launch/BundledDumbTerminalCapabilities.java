package dev.rwsh.shell.launch;

import java.util.List;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;
import org.springframework.shell.boot.TerminalCustomizer;
import org.springframework.stereotype.Component;

/**
 * When rwsh's output is not a terminal ({@code -c}, runbooks, pipes), JLine builds a dumb terminal and, as for any
 * terminal, first asks the system's terminfo for its type by starting {@code infocmp -x dumb}: a process on every
 * such start, about 40 ms of a {@code -c} start (docs/performance.md). JLine bundles both dumb types' entries: the
 * {@code dumb} one is what terminfo answers, and terminfo has no {@code dumb-color}, so JLine ends up with its bundled
 * entry after a failed {@code infocmp}. Handing JLine its bundled entries up front gives the same capabilities
 * without the process. Real terminal types (xterm, tmux-256color, ...) still come from terminfo.
 */
@Component
public class BundledDumbTerminalCapabilities implements TerminalCustomizer {
    static final List<String> DUMB_TYPES = List.of("dumb", "dumb-color");

    @Override
    public void customize(TerminalBuilder builder) {
        for (String type : DUMB_TYPES) {
            if (InfoCmp.getLoadedInfoCmp(type) == null) {
                InfoCmp.setLoadedInfoCmp(type, () -> InfoCmp.getDefaultInfoCmp(type));
            }
        }
    }
}
