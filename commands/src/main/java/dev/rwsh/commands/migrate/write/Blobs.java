package dev.rwsh.commands.migrate.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Internal;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.rwsh.commands.meta.ProstEncoder;
import dev.rwsh.proto.secret.SecretRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The column encodings of RisingWave v2.0.7's SQL meta store (docs/migration-semantics.md §4):
 * protobuf blobs as prost writes them, array and map wrappers, and JSON as serde_json writes it
 * (object keys sorted, compact).
 */
public final class Blobs {
    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final JsonFormat.Printer PBJSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private Blobs() {
    }

    public static byte[] message(Message m) {
        return ProstEncoder.encode(m);
    }

    /** A wrapper message whose only field is {@code repeated T = 1}: zero bytes when empty. */
    public static byte[] array(List<? extends Message> items) {
        if (items.isEmpty()) {
            return new byte[0];
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(items.size() * 32);
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            for (Message m : items) {
                out.writeByteArray(1, ProstEncoder.encode(m));
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A wrapper whose only field is {@code map<string, SecretRef> = 1}, entries by ascending key; zero bytes when empty. */
    public static byte[] secretRefs(Map<String, SecretRef> refs) {
        if (refs.isEmpty()) {
            return new byte[0];
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(refs.size() * 24);
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            List<String> keys = new ArrayList<>(refs.keySet());
            keys.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            for (String k : keys) {
                ByteArrayOutputStream e = new ByteArrayOutputStream(24);
                CodedOutputStream eo = CodedOutputStream.newInstance(e);
                if (!k.isEmpty()) {
                    eo.writeString(1, k);
                }
                byte[] v = ProstEncoder.encode(refs.get(k));
                if (v.length > 0) {
                    eo.writeByteArray(2, v);
                }
                eo.flush();
                out.writeByteArray(1, e.toByteArray());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** I32Array: the u32 values cast to i32. A protobuf repeated int field is read unboxed: this runs per actor and dispatcher. */
    static Batch.Json ints(List<Integer> values) {
        StringBuilder b = new StringBuilder(values.size() * 4 + 2).append('[');
        if (values instanceof Internal.IntList unboxed) {
            for (int i = 0; i < unboxed.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(unboxed.getInt(i));
            }
        } else {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(values.get(i).intValue());
            }
        }
        return new Batch.Json(b.append(']').toString());
    }

    /**
     * ActorUpstreamActors of v2.0.7: a {@code BTreeMap<i32, Vec<i32>>} (u32 ids cast to i32) put
     * through {@code serde_json::to_value}, so keys become signed decimal strings sorted as strings
     * (§4.2 of docs/migration-semantics.md). Written by hand, not by Jackson: it runs once per actor.
     */
    static Batch.Json actorsByFragment(UpstreamActors upstreams) {
        int[] data = upstreams.data();
        int merges = data[upstreams.offset()];
        String[] keys = new String[merges];
        int[] starts = new int[merges];
        for (int m = 0, at = upstreams.offset() + 1; m < merges; m++) {
            keys[m] = Integer.toString(data[at]);
            starts[m] = at + 1;
            at += 2 + data[at + 1];
        }
        Integer[] order = new Integer[merges];
        for (int m = 0; m < merges; m++) {
            order[m] = m;
        }
        Arrays.sort(order, (x, y) -> keys[x].compareTo(keys[y]));
        StringBuilder b = new StringBuilder(16 + merges * 16).append('{');
        for (int k = 0; k < merges; k++) {
            int m = order[k];
            if (k > 0) {
                b.append(',');
            }
            b.append('"').append(keys[m]).append("\":[");
            int count = data[starts[m]];
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(data[starts[m] + 1 + i]);
            }
            b.append(']');
        }
        return new Batch.Json(b.append('}').toString());
    }

    static Batch.Json value(Object v) {
        try {
            return new Batch.Json(JSON.writeValueAsString(v));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Property: a string map, keys sorted. */
    static Batch.Json property(Map<String, String> map) {
        return value(new TreeMap<>(map));
    }

    /** TableStats: table id (as a string) to the pbjson form of the stats, keys sorted at every level. */
    static Batch.Json tableStats(Map<Integer, ? extends Message> stats) {
        try {
            TreeMap<String, Object> out = new TreeMap<>();
            for (Map.Entry<Integer, ? extends Message> e : stats.entrySet()) {
                out.put(Integer.toUnsignedString(e.getKey()), JSON.readValue(PBJSON.print(e.getValue()), Map.class));
            }
            return value(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
