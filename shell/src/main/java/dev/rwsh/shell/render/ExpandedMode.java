package dev.rwsh.shell.render;

import dev.rwsh.commands.RwshException;
import java.util.Locale;

/** psql's {@code \x}: tables one field per line always, never, or only when a table is wider than the terminal. */
public enum ExpandedMode {
    ON, OFF, AUTO;

    public static ExpandedMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw RwshException.usage("unknown expanded mode '" + text + "': use on, off or auto");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
