package dev.rwsh.commands.sql;

/**
 * How migrate sends rows to a target: the writer picks its sink by {@link #kind()}, and
 * {@code status} and preflight show the same value, so what they say is what migrate does.
 *
 * @param kind the way rows are sent
 * @param slowerBecause why a faster path the backend has is not used (MySQL's local infile off), or null
 * @param enable what turns the faster path on, or null
 */
public record BulkPath(Kind kind, String slowerBecause, String enable) {
    /** The ways rows reach a target. */
    public enum Kind {
        COPY("COPY FROM STDIN"), LOAD_DATA("LOAD DATA LOCAL INFILE"), BATCHED_INSERT("batched INSERT");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    static BulkPath of(Kind kind) {
        return new BulkPath(kind, null, null);
    }

    /** The method as users read it: "COPY FROM STDIN", "LOAD DATA LOCAL INFILE" or "batched INSERT". */
    public String method() {
        return kind.label;
    }

    /** Whether a faster path exists but is off. */
    public boolean fallback() {
        return slowerBecause != null;
    }

    /** One line: the method and, for a fallback, why and how to enable the faster one. */
    public String describe() {
        return fallback() ? method() + " (" + slowerBecause + "; " + enable + ")" : method();
    }
}
