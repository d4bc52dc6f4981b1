package dev.rwsh.commands.meta;

import java.time.Instant;

/** RisingWave epochs: milliseconds since 2021-04-01T00:00:00Z in the high 48 bits, a sequence in the low 16. */
public final class Epochs {
    public static final long ORIGIN_MS = 1_617_235_200_000L;

    private Epochs() {
    }

    public static Instant toInstant(long epoch) {
        return Instant.ofEpochMilli(ORIGIN_MS + (epoch >>> 16));
    }

    /** ISO-8601 text of the epoch's time, or null for 0 (not set). */
    public static String text(long epoch) {
        return epoch == 0 ? null : toInstant(epoch).toString();
    }
}
