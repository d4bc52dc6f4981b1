package dev.rwsh.commands.sql;

/**
 * How migrate sends rows to a target, as {@code status} and preflight show it.
 *
 * @param method "COPY FROM STDIN", "LOAD DATA LOCAL INFILE" or "batched INSERT"
 * @param slowerBecause why a faster path the backend has is not used (MySQL's local infile off), or null
 * @param enable what turns the faster path on, or null
 */
public record BulkPath(String method, String slowerBecause, String enable) {
    static BulkPath of(String method) {
        return new BulkPath(method, null, null);
    }

    /** Whether a faster path exists but is off. */
    public boolean fallback() {
        return slowerBecause != null;
    }

    /** One line: the method and, for a fallback, why and how to enable the faster one. */
    public String describe() {
        return fallback() ? method + " (" + slowerBecause + "; " + enable + ")" : method;
    }
}
