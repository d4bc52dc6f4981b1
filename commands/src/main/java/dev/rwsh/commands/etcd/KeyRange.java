package dev.rwsh.commands.etcd;

import java.util.Arrays;

/** The half-open key range {@code [start, end)} that holds every key beginning with a prefix. */
public record KeyRange(byte[] start, byte[] end) {

    /** etcd reads "from \0 to \0" as every key. */
    private static final byte[] ALL = {0};

    public static KeyRange prefix(byte[] prefix) {
        if (prefix.length == 0) {
            return new KeyRange(ALL, ALL);
        }
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return new KeyRange(prefix, Arrays.copyOf(end, i + 1));
            }
        }
        // The prefix is all 0xff bytes: the range runs to the end of the keyspace.
        return new KeyRange(prefix, ALL);
    }
}
