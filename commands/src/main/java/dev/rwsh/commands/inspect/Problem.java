package dev.rwsh.commands.inspect;

import dev.rwsh.commands.meta.MetaEntry;

/** A key that did not decode (error) or decoded with something odd about it (warning). */
public record Problem(String family, String key, String error, String warning) {

    public static Problem of(MetaEntry e) {
        return new Problem(e.family() == null ? null : e.family().familyName(), e.key(), e.error(), e.warning());
    }

    public static Problem warning(String family, String key, String warning) {
        return new Problem(family, key, null, warning);
    }

    public String text() {
        return (family == null ? "" : family + " ") + key + ": " + (error != null ? "error: " + error : "warning: " + warning);
    }
}
