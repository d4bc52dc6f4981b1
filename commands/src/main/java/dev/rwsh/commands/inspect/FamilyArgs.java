package dev.rwsh.commands.inspect;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaKeys;
import java.nio.charset.StandardCharsets;

/** Reads the FAMILY and KEY arguments of {@code meta get} and {@code meta list}. */
final class FamilyArgs {
    private FamilyArgs() {
    }

    static ColumnFamily family(String text) {
        if (text == null || text.isBlank()) {
            throw RwshException.usage("name a column family: " + ColumnFamily.names());
        }
        ColumnFamily family = ColumnFamily.parse(text);
        if (family == null) {
            throw RwshException.usage("unknown column family '" + text + "': use one of " + ColumnFamily.names());
        }
        return family;
    }

    /** The key bytes (after the family prefix) that KEY names in {@code family}. */
    static byte[] key(ColumnFamily family, String key) {
        String k = key == null ? "" : key.trim();
        switch (family.keyKind()) {
            case U32, U64 -> {
                try {
                    long id = Long.parseUnsignedLong(k);
                    if (family.keyKind() == ColumnFamily.KeyKind.U32 && (id >>> 32) != 0) {
                        throw new NumberFormatException();
                    }
                    return MetaKeys.encodeId(id);
                } catch (NumberFormatException e) {
                    throw RwshException.usage(family.familyName() + " is keyed by a numeric id"
                            + (family.keyKind() == ColumnFamily.KeyKind.U32 ? " (u32)" : " (u64)") + ", not '" + k + "'");
                }
            }
            case HOST_ADDRESS -> {
                try {
                    return MetaKeys.encodeHost(MetaKeys.parseHost(k));
                } catch (MetaKeys.KeyFormatException e) {
                    throw RwshException.usage(family.familyName() + " is keyed by the worker's HOST:PORT: " + e.getMessage());
                }
            }
            case FIXED -> {
                if (!k.isEmpty() && !k.equals(ColumnFamily.CLUSTER_ID_KEY)) {
                    throw RwshException.usage("the cluster id has the one key '" + ColumnFamily.CLUSTER_ID_KEY + "'");
                }
                return ColumnFamily.CLUSTER_ID_KEY.getBytes(StandardCharsets.US_ASCII);
            }
            default -> {
                if (k.isEmpty()) {
                    throw RwshException.usage("meta get " + family.familyName() + " needs a KEY: 'meta list " + family.familyName()
                            + "' shows the keys");
                }
                return k.getBytes(StandardCharsets.UTF_8);
            }
        }
    }
}
