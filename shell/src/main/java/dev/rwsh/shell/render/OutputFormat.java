package dev.rwsh.shell.render;

import dev.rwsh.commands.RwshException;
import java.util.Locale;

/** The output formats every command renders to. */
public enum OutputFormat {
    TABLE, JSON, CSV;

    public static OutputFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw RwshException.usage("unknown format '" + text + "': use table, json or csv");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
