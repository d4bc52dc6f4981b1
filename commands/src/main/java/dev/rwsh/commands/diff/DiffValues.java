package dev.rwsh.commands.diff;

import dev.rwsh.commands.migrate.write.Batch;
import dev.rwsh.commands.migrate.write.Blobs;
import dev.rwsh.commands.migrate.write.MigrationWriter;
import dev.rwsh.commands.migrate.write.TargetTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.rwsh.proto.hummock.HummockVersionDelta;
import dev.rwsh.proto.secret.SecretRef;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Canonical values for diff: both sides of a column are brought to one comparable form. Numbers
 * and booleans become {@code Long}; JSON is parsed and written again with sorted keys (where the text
 * is not canonical already: {@link CanonicalJson}); protobuf
 * blobs are decoded with the column's v2.0.7 type and encoded again as prost does, so an equal
 * message in another field order (or with explicit defaults) is equal; timestamps are compared at
 * milliseconds (whole seconds on MySQL/MariaDB, whose DATETIME keeps none).
 */
final class DiffValues {
    static final ObjectMapper JSON = JsonMapper.builder().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).build();
    private static final JsonFormat.Printer PB = JsonFormat.printer().omittingInsignificantWhitespace().preservingProtoFieldNames();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /** A JSON value, canonical text. */
    record J(String text) {
    }

    /** A timestamp, canonical text. */
    record T(String text) {
    }

    /** A blob: canonical bytes (equality by content). */
    record B(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof B b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private final boolean secondsOnly;
    /** Translates the ids of renumbered objects in SQL-side messages ({@link DiffIdentities}); null when none are. */
    private java.util.function.UnaryOperator<Message> translate;

    DiffValues(boolean secondsOnly) {
        this.secondsOnly = secondsOnly;
    }

    void translateIds(java.util.function.UnaryOperator<Message> translate) {
        this.translate = translate;
    }

    /** A value as the writing pass produced it. */
    Object expected(Object v) {
        if (v == null || v instanceof Batch.Null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof Batch.Json j) {
            return json(j.text());
        }
        if (v instanceof byte[] bytes) {
            return new B(bytes);
        }
        if (v instanceof LocalDateTime t) {
            return time(t);
        }
        return v.toString();
    }

    /** A value as the SQL store returned it, read like {@code hint} (an expected canonical value) where there is one. */
    Object actual(String table, String column, Object v, Object hint) {
        return actual(table, column, v, hint, true);
    }

    /** With {@code decodeBlobs} false, blobs are taken as they are (the fast path: a store migrate wrote holds canonical bytes). */
    Object actual(String table, String column, Object v, Object hint, boolean decodeBlobs) {
        if (v == null) {
            return null;
        }
        if (hint instanceof J) {
            return json(text(v));
        }
        if (hint instanceof T) {
            return timeOf(v);
        }
        if (hint instanceof Long) {
            if (v instanceof Boolean b) {
                return b ? 1L : 0L;
            }
            if (v instanceof Number n) {
                return n.longValue();
            }
            try {
                return Long.parseLong(text(v).trim());
            } catch (NumberFormatException e) {
                return text(v);
            }
        }
        if (hint instanceof String) {
            return text(v);
        }
        return generic(table, column, v, decodeBlobs);
    }

    private Object generic(String table, String column, Object v, boolean decodeBlobs) {
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof BigDecimal d) {
            return d.scale() <= 0 ? d.longValue() : d.toPlainString();
        }
        if (v instanceof BigInteger i) {
            return i.longValue();
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof byte[] bytes) {
            String col = table + "." + column;
            return new B(decodeBlobs ? canonicalBlob(col, bytes, translate != null && DiffTables.blobHoldsIds(col) ? translate : null)
                    : bytes);
        }
        if (v instanceof Timestamp || v instanceof LocalDateTime) {
            return timeOf(v);
        }
        if (v.getClass().getName().equals("org.postgresql.util.PGobject")) {
            return json(v.toString());
        }
        return text(v);
    }

    private static String text(Object v) {
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return v.toString();
    }

    static J json(String text) {
        String canonical = CanonicalJson.of(text);
        return canonical != null ? new J(canonical) : jsonByJackson(text);
    }

    /** The canonical text by Jackson: parsed into a tree and written again with sorted keys (any JSON; the text itself when it does not parse). */
    static J jsonByJackson(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return new J(JSON.writeValueAsString(JSON.treeToValue(n, Object.class)));
        } catch (IOException e) {
            return new J(text);
        }
    }

    T time(LocalDateTime t) {
        LocalDateTime x = secondsOnly ? t.truncatedTo(ChronoUnit.SECONDS) : t.truncatedTo(ChronoUnit.MILLIS);
        return new T(TS.format(x));
    }

    private Object timeOf(Object v) {
        if (v instanceof Timestamp ts) {
            return time(ts.toLocalDateTime());
        }
        if (v instanceof LocalDateTime t) {
            return time(t);
        }
        String s = text(v).trim().replace(' ', 'T');
        try {
            return time(LocalDateTime.parse(s));
        } catch (RuntimeException e) {
            return new T(text(v));
        }
    }

    /** The column's bytes decoded and encoded again the way migrate encodes them; the bytes themselves when they do not decode. */
    static byte[] canonicalBlob(String column, byte[] bytes) {
        return canonicalBlob(column, bytes, null);
    }

    /** The same, with {@code translate} (if not null) applied to the decoded message or secret references. */
    static byte[] canonicalBlob(String column, byte[] bytes, java.util.function.UnaryOperator<Message> translate) {
        TargetTable.Column t = DiffTables.blob(column);
        if (t == null) {
            return bytes;
        }
        try {
            return switch (t.blobKind()) {
                case MESSAGE -> {
                    Message m = t.blobType().getParserForType().parseFrom(bytes);
                    if (translate != null) {
                        m = translate.apply(m);
                    }
                    yield Blobs.message(m instanceof HummockVersionDelta ? MigrationWriter.normalizeDelta(m) : m);
                }
                case ARRAY -> Blobs.array(items(t.blobType(), bytes));
                case SECRET_REFS -> {
                    Map<String, SecretRef> refs = secretRefs(bytes);
                    if (translate != null) {
                        refs.replaceAll((k, v) -> (SecretRef) translate.apply(v));
                    }
                    yield Blobs.secretRefs(refs);
                }
            };
        } catch (IOException | RuntimeException e) {
            return bytes;
        }
    }

    /** The items of an array blob column (empty when it does not decode). */
    static List<Message> arrayItems(String column, byte[] bytes) {
        try {
            return items(DiffTables.blob(column).blobType(), bytes);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static List<Message> items(Message prototype, byte[] bytes) throws IOException {
        List<Message> out = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag == (1 << 3 | 2)) {
                out.add(prototype.getParserForType().parseFrom(in.readBytes()));
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return out;
    }

    private static Map<String, SecretRef> secretRefs(byte[] bytes) throws IOException {
        Map<String, SecretRef> out = new TreeMap<>();
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (tag != (1 << 3 | 2)) {
                if (!in.skipField(tag)) {
                    break;
                }
                continue;
            }
            CodedInputStream e = CodedInputStream.newInstance(in.readBytes().toByteArray());
            String key = "";
            SecretRef value = SecretRef.getDefaultInstance();
            while (!e.isAtEnd()) {
                int t = e.readTag();
                if (t == (1 << 3 | 2)) {
                    key = e.readString();
                } else if (t == (2 << 3 | 2)) {
                    value = SecretRef.parseFrom(e.readBytes());
                } else if (!e.skipField(t)) {
                    break;
                }
            }
            out.put(key, value);
        }
        return out;
    }

    /** A canonical value as a person reads it: blobs of known type as their decoded JSON. */
    static String display(String column, Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof J j) {
            return j.text();
        }
        if (v instanceof T t) {
            return t.text();
        }
        if (v instanceof B b) {
            JsonNode n = decoded(column, b.bytes());
            if (n != null) {
                return n.toString();
            }
            return b.bytes().length == 0 ? "(0 bytes)" : "0x" + HexFormat.of().formatHex(b.bytes(), 0, Math.min(64, b.bytes().length))
                    + (b.bytes().length > 64 ? "... (" + b.bytes().length + " bytes)" : "");
        }
        if (v instanceof String s) {
            return s;
        }
        return v.toString();
    }

    /** A blob of known type as a JSON tree (protobuf JSON with proto field names), or null. */
    static JsonNode decoded(String column, byte[] bytes) {
        TargetTable.Column t = DiffTables.blob(column);
        if (t == null) {
            return null;
        }
        try {
            return switch (t.blobKind()) {
                case MESSAGE -> JSON.readTree(PB.print(t.blobType().getParserForType().parseFrom(bytes)));
                case ARRAY -> {
                    ArrayNode a = JSON.createArrayNode();
                    for (Message m : items(t.blobType(), bytes)) {
                        a.add(JSON.readTree(PB.print(m)));
                    }
                    yield a;
                }
                case SECRET_REFS -> {
                    ObjectNode o = JSON.createObjectNode();
                    for (Map.Entry<String, SecretRef> e : secretRefs(bytes).entrySet()) {
                        o.set(e.getKey(), JSON.readTree(PB.print(e.getValue())));
                    }
                    yield o;
                }
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Where two JSON trees differ: up to {@code max} paths with both values (missing as "(absent)"). */
    static void paths(String at, JsonNode a, JsonNode b, List<String[]> out, int max) {
        if (out.size() >= max) {
            return;
        }
        if (a == null || b == null || a.getNodeType() != b.getNodeType() || a.isValueNode()) {
            if (a == null || !a.equals(b)) {
                out.add(new String[] {at, a == null ? "(absent)" : clip(a.toString()), b == null ? "(absent)" : clip(b.toString())});
            }
            return;
        }
        if (a.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n && out.size() < max; i++) {
                paths(at + "[" + i + "]", a.get(i), b.get(i), out, max);
            }
            return;
        }
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        for (String f : names) {
            if (out.size() >= max) {
                return;
            }
            paths(at + "." + f, a.get(f), b.get(f), out, max);
        }
    }

    static String clip(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " chars)";
    }

    /** A 64-bit fingerprint of canonical values. */
    static long fingerprint(Object[] values) {
        long h = 0x9E3779B97F4A7C15L;
        for (Object v : values) {
            h = mix(h, v == null ? 0 : v.getClass().getSimpleName().hashCode());
            if (v instanceof B b) {
                h = bytes(h, b.bytes());
            } else if (v instanceof Long l) {
                h = mix(h, l);
            } else if (v != null) {
                h = bytes(h, (v instanceof J j ? j.text() : v instanceof T t ? t.text() : (String) v).getBytes(StandardCharsets.UTF_8));
            }
        }
        return h;
    }

    private static long bytes(long h, byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.remaining() >= 8) {
            h = mix(h, buf.getLong());
        }
        long tail = 0;
        while (buf.hasRemaining()) {
            tail = tail << 8 | (buf.get() & 0xff);
        }
        return mix(mix(h, tail), b.length);
    }

    private static long mix(long h, long v) {
        long x = (h ^ v) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    static String uuid(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b && b.length == 16) {
            ByteBuffer bb = ByteBuffer.wrap(b);
            return new UUID(bb.getLong(), bb.getLong()).toString();
        }
        return text(v).toLowerCase(java.util.Locale.ROOT);
    }

    static Iterator<String> none() {
        return java.util.Collections.emptyIterator();
    }
}
