package dev.rwsh.commands.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected rows of one table while diff compares it: per key, the row's fingerprint and shape,
 * taken once by the SQL row of that key. Held for a whole table (actors and their dispatchers
 * together, a million rows each at L), so a row costs a few primitive slots, not objects: a key
 * that is one integer, or two that fit in 32 bits each ("actor_id/dispatcher_id"), is kept as one
 * {@code long}; other keys (names, identities, object_dependency's "a/b#2") as their text. Keys are
 * matched as the texts they stand for, exactly as a map of texts would match them.
 */
final class ExpectedRows {
    private static final int NONE = -1;

    /** How many key columns a text stands for when packed into a long (1 or 2; else never packed). */
    private final int arity;
    private final List<CanonicalSink.Shape> shapes = new ArrayList<>();
    private final Map<CanonicalSink.Shape, Integer> shapeIndex = new java.util.IdentityHashMap<>();

    // Entries in the order their keys first came (entry i: packed[i] or texts[i], fingerprints[i], shapeOf[i]).
    private int count;
    private long[] packed = new long[16];
    private String[] texts;
    private long[] fingerprints = new long[16];
    /** Null while every entry has the first shape (a table the writer opens once). */
    private int[] shapeOf;
    private final BitSet taken = new BitSet();
    /** The entries in the order they were taken (a map's tree bins order their rows by it: remainingKeys). */
    private int[] takeOrder = new int[16];
    private int takenCount;

    /** Open addressing over the packed keys (the text keys are in byText): entry index + 1, 0 for a free slot. */
    private int[] slots = new int[32];
    private int packedCount;
    private final Map<String, Integer> byText = new HashMap<>();

    ExpectedRows(int arity) {
        this.arity = arity;
    }

    /** Adds the row of {@code key}; a key seen before keeps its place and takes the new fingerprint and shape. */
    void put(String key, long fingerprint, CanonicalSink.Shape shape) {
        int s = shapeIndex.computeIfAbsent(shape, x -> {
            shapes.add(x);
            return shapes.size() - 1;
        });
        long p = pack(key);
        int at = p == Long.MIN_VALUE ? byText.getOrDefault(key, NONE) : findPacked(p);
        if (at == NONE) {
            at = append(p, p == Long.MIN_VALUE ? key : null);
        }
        fingerprints[at] = fingerprint;
        if (s != 0 && shapeOf == null) {
            shapeOf = new int[fingerprints.length];
        }
        if (shapeOf != null) {
            shapeOf[at] = s;
        }
    }

    /** The entry of {@code key} not yet taken, now taken; or -1 (no such row, or its key came twice from SQL). */
    int take(String key) {
        long p = pack(key);
        int at = p == Long.MIN_VALUE ? byText.getOrDefault(key, NONE) : findPacked(p);
        if (at == NONE || taken.get(at)) {
            return NONE;
        }
        taken.set(at);
        if (takenCount == takeOrder.length) {
            takeOrder = Arrays.copyOf(takeOrder, takenCount + (takenCount >> 1));
        }
        takeOrder[takenCount++] = at;
        return at;
    }

    long fingerprint(int entry) {
        return fingerprints[entry];
    }

    CanonicalSink.Shape shape(int entry) {
        return shapes.get(shapeOf == null ? 0 : shapeOf[entry]);
    }

    /** The number of keys held as text. */
    int textKeys() {
        return byText.size();
    }

    /** The number of distinct keys. */
    int size() {
        return count;
    }

    /** The number of keys not taken. */
    int remaining() {
        return count - takenCount;
    }

    /**
     * The keys not taken, in the order a {@code HashMap<String, ?>} iterates them after every key was
     * put in the order it first came and the taken ones removed in the order they were taken: the
     * order diff has always listed rows only in etcd (a bin of many equal hashes becomes a tree, whose
     * order depends on both). More than one is put through such a map again, a text per key, once.
     */
    List<String> remainingKeys() {
        List<String> out = new ArrayList<>();
        if (remaining() == 0) {
            return out;
        }
        if (remaining() == 1) {
            out.add(key(taken.nextClearBit(0)));
            return out;
        }
        Map<String, Boolean> replay = new HashMap<>();
        for (int i = 0; i < count; i++) {
            replay.put(key(i), Boolean.TRUE);
        }
        for (int i = 0; i < takenCount; i++) {
            replay.remove(key(takeOrder[i]));
        }
        out.addAll(replay.keySet());
        return out;
    }

    /** The text entry {@code i} stands for. */
    String key(int i) {
        if (texts != null && texts[i] != null) {
            return texts[i];
        }
        long p = packed[i];
        return arity == 1 ? Long.toString(p) : (int) (p >>> 32) + "/" + (int) p;
    }

    private int append(long p, String text) {
        if (count == fingerprints.length) {
            int n = count + (count >> 1); // less slack than doubling: the arrays of a million rows
            packed = Arrays.copyOf(packed, n);
            fingerprints = Arrays.copyOf(fingerprints, n);
            if (shapeOf != null) {
                shapeOf = Arrays.copyOf(shapeOf, n);
            }
            if (texts != null) {
                texts = Arrays.copyOf(texts, n);
            }
        }
        int at = count++;
        if (text != null) {
            if (texts == null) {
                texts = new String[fingerprints.length];
            }
            texts[at] = text;
            byText.put(text, at);
        } else {
            packed[at] = p;
            if (++packedCount * 4 > slots.length * 3) {
                rehash();
            }
            insertSlot(p, at);
        }
        return at;
    }

    private int findPacked(long p) {
        int mask = slots.length - 1;
        for (int i = spread(p) & mask; slots[i] != 0; i = (i + 1) & mask) {
            if (packed[slots[i] - 1] == p) {
                return slots[i] - 1;
            }
        }
        return NONE;
    }

    private void insertSlot(long p, int entry) {
        int mask = slots.length - 1;
        int i = spread(p) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = entry + 1;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        for (int i = 0; i < count - 1; i++) {
            if (texts == null || texts[i] == null) {
                insertSlot(packed[i], i);
            }
        }
    }

    private static int spread(long p) {
        long x = p * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32));
    }

    /**
     * The long {@code key} stands for, or {@link Long#MIN_VALUE} when it is kept as text: exactly
     * {@code arity} parts separated by '/', each an integer as {@code Long.toString} writes it (one
     * part: up to 18 digits; two parts: each an int), so that two keys pack to the
     * same long only when their texts are equal.
     */
    long pack(String key) {
        if (arity == 1) {
            return integer(key, 0, key.length(), Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (arity == 2) {
            int slash = key.indexOf('/');
            if (slash < 0) {
                return Long.MIN_VALUE;
            }
            long a = integer(key, 0, slash, Integer.MIN_VALUE, Integer.MAX_VALUE);
            long b = integer(key, slash + 1, key.length(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (a == Long.MIN_VALUE || b == Long.MIN_VALUE) {
                return Long.MIN_VALUE;
            }
            return a << 32 | (b & 0xffffffffL);
        }
        return Long.MIN_VALUE;
    }

    /** The integer {@code s[from, to)} spells as {@code Long.toString} would, within [min, max]; else Long.MIN_VALUE. */
    private static long integer(String s, int from, int to, long min, long max) {
        boolean negative = from < to && s.charAt(from) == '-';
        int digits = negative ? from + 1 : from;
        int n = to - digits;
        if (n < 1 || n > 18 || s.charAt(digits) == '0' && (n > 1 || negative)) {
            return Long.MIN_VALUE; // empty, too long for this check, leading zeros, "-0"
        }
        long v = 0;
        for (int i = digits; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        v = negative ? -v : v;
        return v < min || v > max ? Long.MIN_VALUE : v;
    }
}
