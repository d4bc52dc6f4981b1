package dev.rwsh.commands.etcd;

import dev.rwsh.commands.etcd.KeyText;
import java.util.Arrays;

/**
 * Groups RisingWave's etcd keys by column family (docs/etcd-layout.md): a key is
 * {@code <cf>/<key bytes>} where model families are named {@code cf/<name>} and the default family
 * {@code default}. Key bytes are binary and may hold 0x2f, so only the family part is split:
 * <ul>
 *   <li>{@code cf/<name>/...} groups as {@code cf/<name>/};</li>
 *   <li>{@code cf/<name>} with nothing after it (only {@code cf/cluster_id}) is its own group;</li>
 *   <li>any other key groups by its text up to and including its first {@code /}
 *       ({@code default/}, {@code __meta_election_/}, ...);</li>
 *   <li>a key without {@code /} groups as {@code (no family)}.</li>
 * </ul>
 */
public final class ColumnFamilies {
    public static final String NO_FAMILY = "(no family)";
    private static final byte[] CF = {'c', 'f', '/'};

    private ColumnFamilies() {
    }

    public static String familyOf(byte[] key) {
        int from = 0;
        if (key.length > CF.length && Arrays.equals(key, 0, CF.length, CF, 0, CF.length)) {
            from = CF.length;
        }
        for (int i = from; i < key.length; i++) {
            if (key[i] == '/') {
                return KeyText.escape(Arrays.copyOf(key, i + 1));
            }
        }
        return from > 0 ? KeyText.escape(key) : NO_FAMILY;
    }
}
