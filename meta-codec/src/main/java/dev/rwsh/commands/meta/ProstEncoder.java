package dev.rwsh.commands.meta;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes a message byte for byte as RisingWave's Rust protobuf runtime (prost) does, where
 * protobuf-java would differ:
 * <ul>
 * <li>a {@code oneof} is written where its lowest-numbered member is declared, whichever member is
 * set (protobuf-java writes the set member at its own number);</li>
 * <li>a map entry leaves out a key or value equal to its default (protobuf-java writes both);</li>
 * <li>map entries are written in ascending key order. RisingWave keeps some maps sorted and others
 * in hash order, which changes per process; ascending order is one order it could have written.</li>
 * </ul>
 * Fields rwsh's protos do not declare (unknown fields) are written after the known ones, so a
 * decoded and re-encoded value loses nothing. Everything else (field order, packed repeated
 * scalars, proto3 defaults left out, optional fields written when present) is common to both.
 */
public final class ProstEncoder {
    private static final Map<Descriptor, List<Object>> ORDER = new ConcurrentHashMap<>();

    private ProstEncoder() {
    }

    public static byte[] encode(Message message) {
        if (!differs(message)) {
            return message.toByteArray();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            write(message, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(Message message, CodedOutputStream out) throws IOException {
        for (Object item : order(message.getDescriptorForType())) {
            FieldDescriptor field;
            if (item instanceof OneofDescriptor oneof) {
                field = message.getOneofFieldDescriptor(oneof);
                if (field == null) {
                    continue;
                }
                writeSingle(field, message.getField(field), out);
                continue;
            }
            field = (FieldDescriptor) item;
            if (field.isMapField()) {
                writeMap(field, message, out);
            } else if (field.isRepeated()) {
                writeRepeated(field, message, out);
            } else if (field.hasPresence()) {
                if (message.hasField(field)) {
                    writeSingle(field, message.getField(field), out);
                }
            } else {
                Object value = message.getField(field);
                if (!isDefault(field, value)) {
                    writeSingle(field, value, out);
                }
            }
        }
        message.getUnknownFields().writeTo(out);
    }

    private static final Map<Descriptor, Boolean> MATCHES = new ConcurrentHashMap<>();

    /**
     * Whether protobuf-java writes this type exactly as prost does: no maps, and no oneof whose
     * members leave room for another field between them, in the type and every type it contains.
     */
    static boolean javaEncodingMatches(Descriptor type) {
        Boolean known = MATCHES.get(type);
        if (known != null) {
            return known;
        }
        MATCHES.put(type, true); // assumed while recursing: a cycle adds no new reason to differ
        boolean matches = computeMatches(type);
        MATCHES.put(type, matches);
        return matches;
    }

    private static boolean computeMatches(Descriptor type) {
        for (OneofDescriptor o : type.getRealOneofs()) {
            int min = o.getFields().stream().mapToInt(FieldDescriptor::getNumber).min().orElse(0);
            int max = o.getFields().stream().mapToInt(FieldDescriptor::getNumber).max().orElse(0);
            for (FieldDescriptor f : type.getFields()) {
                if (f.getRealContainingOneof() != o && f.getNumber() > min && f.getNumber() < max) {
                    return false;
                }
            }
        }
        for (FieldDescriptor f : type.getFields()) {
            if (f.isMapField()) {
                return false;
            }
            if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !javaEncodingMatches(f.getMessageType())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether protobuf-java would encode this message differently from prost: a oneof member set
     * after another set field that prost writes later, a map entry with a default key or value, map
     * entries out of order; here or in any contained message.
     */
    static boolean differs(Message message) {
        Descriptor type = message.getDescriptorForType();
        if (javaEncodingMatches(type)) {
            return false;
        }
        for (OneofDescriptor o : type.getRealOneofs()) {
            FieldDescriptor member = message.getOneofFieldDescriptor(o);
            if (member == null) {
                continue;
            }
            int min = o.getFields().stream().mapToInt(FieldDescriptor::getNumber).min().orElse(0);
            for (FieldDescriptor f : type.getFields()) {
                if (f.getRealContainingOneof() != o && f.getNumber() > min && f.getNumber() < member.getNumber() && isSet(message, f)) {
                    return true;
                }
            }
        }
        for (FieldDescriptor f : type.getFields()) {
            if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE || javaEncodingMatches(f.getMessageType()) && !f.isMapField()) {
                continue;
            }
            if (f.isMapField()) {
                if (mapDiffers(message, f)) {
                    return true;
                }
            } else if (f.isRepeated()) {
                for (int i = 0, n = message.getRepeatedFieldCount(f); i < n; i++) {
                    if (differs((Message) message.getRepeatedField(f, i))) {
                        return true;
                    }
                }
            } else if (message.hasField(f) && differs((Message) message.getField(f))) {
                return true;
            }
        }
        return false;
    }

    private static boolean mapDiffers(Message message, FieldDescriptor field) {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        Object previous = null;
        for (int i = 0, n = message.getRepeatedFieldCount(field); i < n; i++) {
            Message entry = (Message) message.getRepeatedField(field, i);
            Object key = entry.getField(keyField);
            Object value = entry.getField(valueField);
            if (isDefault(keyField, key) || isDefault(valueField, value)
                    || previous != null && compareKeys(keyField, previous, key) >= 0
                    || value instanceof Message m && differs(m)) {
                return true;
            }
            previous = key;
        }
        return false;
    }

    private static boolean isSet(Message message, FieldDescriptor field) {
        if (field.isRepeated()) {
            return message.getRepeatedFieldCount(field) > 0;
        }
        return field.hasPresence() ? message.hasField(field) : !isDefault(field, message.getField(field));
    }

    /** Fields by number, each real oneof placed at its lowest member's number. */
    private static List<Object> order(Descriptor type) {
        return ORDER.computeIfAbsent(type, t -> {
            List<Object[]> keyed = new ArrayList<>();
            for (FieldDescriptor f : t.getFields()) {
                if (f.getRealContainingOneof() == null) {
                    keyed.add(new Object[] {f.getNumber(), f});
                }
            }
            for (OneofDescriptor o : t.getRealOneofs()) {
                int min = o.getFields().stream().mapToInt(FieldDescriptor::getNumber).min().orElse(Integer.MAX_VALUE);
                keyed.add(new Object[] {min, o});
            }
            keyed.sort(Comparator.comparingInt(k -> (Integer) k[0]));
            return keyed.stream().map(k -> k[1]).toList();
        });
    }

    private static void writeRepeated(FieldDescriptor field, Message message, CodedOutputStream out) throws IOException {
        int n = message.getRepeatedFieldCount(field);
        if (n == 0) {
            return;
        }
        if (isPackable(field)) {
            ByteArrayOutputStream packed = new ByteArrayOutputStream(n * 2);
            CodedOutputStream p = CodedOutputStream.newInstance(packed);
            for (int i = 0; i < n; i++) {
                writeScalarNoTag(field, message.getRepeatedField(field, i), p);
            }
            p.flush();
            out.writeByteArray(field.getNumber(), packed.toByteArray());
            return;
        }
        for (int i = 0; i < n; i++) {
            writeSingle(field, message.getRepeatedField(field, i), out);
        }
    }

    private static void writeMap(FieldDescriptor field, Message message, CodedOutputStream out) throws IOException {
        int n = message.getRepeatedFieldCount(field);
        if (n == 0) {
            return;
        }
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        List<Message> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add((Message) message.getRepeatedField(field, i));
        }
        entries.sort((a, b) -> compareKeys(keyField, a.getField(keyField), b.getField(keyField)));
        for (Message entry : entries) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            CodedOutputStream e = CodedOutputStream.newInstance(bytes);
            Object key = entry.getField(keyField);
            if (!isDefault(keyField, key)) {
                writeSingle(keyField, key, e);
            }
            Object value = entry.getField(valueField);
            if (!isDefault(valueField, value)) {
                writeSingle(valueField, value, e);
            }
            e.flush();
            out.writeByteArray(field.getNumber(), bytes.toByteArray());
        }
    }

    private static void writeSingle(FieldDescriptor field, Object value, CodedOutputStream out) throws IOException {
        switch (field.getType()) {
            case MESSAGE -> out.writeByteArray(field.getNumber(), encode((Message) value));
            case GROUP -> throw new IllegalArgumentException("groups are not used by RisingWave: " + field.getFullName());
            case STRING -> out.writeString(field.getNumber(), (String) value);
            case BYTES -> out.writeBytes(field.getNumber(), (ByteString) value);
            default -> {
                out.writeTag(field.getNumber(), wireType(field));
                writeScalarNoTag(field, value, out);
            }
        }
    }

    private static void writeScalarNoTag(FieldDescriptor field, Object value, CodedOutputStream out) throws IOException {
        switch (field.getType()) {
            case INT32 -> out.writeInt32NoTag((Integer) value);
            case UINT32 -> out.writeUInt32NoTag((Integer) value);
            case SINT32 -> out.writeSInt32NoTag((Integer) value);
            case FIXED32 -> out.writeFixed32NoTag((Integer) value);
            case SFIXED32 -> out.writeSFixed32NoTag((Integer) value);
            case INT64 -> out.writeInt64NoTag((Long) value);
            case UINT64 -> out.writeUInt64NoTag((Long) value);
            case SINT64 -> out.writeSInt64NoTag((Long) value);
            case FIXED64 -> out.writeFixed64NoTag((Long) value);
            case SFIXED64 -> out.writeSFixed64NoTag((Long) value);
            case FLOAT -> out.writeFloatNoTag((Float) value);
            case DOUBLE -> out.writeDoubleNoTag((Double) value);
            case BOOL -> out.writeBoolNoTag((Boolean) value);
            case ENUM -> out.writeEnumNoTag(((EnumValueDescriptor) value).getNumber());
            default -> throw new IllegalArgumentException("not a scalar: " + field.getFullName());
        }
    }

    private static int wireType(FieldDescriptor field) {
        return switch (field.getType()) {
            case FIXED32, SFIXED32, FLOAT -> WireFormat.WIRETYPE_FIXED32;
            case FIXED64, SFIXED64, DOUBLE -> WireFormat.WIRETYPE_FIXED64;
            default -> WireFormat.WIRETYPE_VARINT;
        };
    }

    private static boolean isPackable(FieldDescriptor field) {
        return field.isPackable() && field.isPacked();
    }

    private static boolean isDefault(FieldDescriptor field, Object value) {
        return switch (field.getJavaType()) {
            case INT -> (Integer) value == 0;
            case LONG -> (Long) value == 0L;
            case FLOAT -> Float.floatToRawIntBits((Float) value) == 0;
            case DOUBLE -> Double.doubleToRawLongBits((Double) value) == 0L;
            case BOOLEAN -> !(Boolean) value;
            case STRING -> ((String) value).isEmpty();
            case BYTE_STRING -> ((ByteString) value).isEmpty();
            case ENUM -> ((EnumValueDescriptor) value).getNumber() == 0;
            case MESSAGE -> ((Message) value).getSerializedSize() == 0;
        };
    }

    private static int compareKeys(FieldDescriptor keyField, Object a, Object b) {
        return switch (keyField.getType()) {
            case UINT32, FIXED32 -> Integer.compareUnsigned((Integer) a, (Integer) b);
            case UINT64, FIXED64 -> Long.compareUnsigned((Long) a, (Long) b);
            case INT32, SINT32, SFIXED32 -> Integer.compare((Integer) a, (Integer) b);
            case INT64, SINT64, SFIXED64 -> Long.compare((Long) a, (Long) b);
            case BOOL -> Boolean.compare((Boolean) a, (Boolean) b);
            case STRING -> Arrays.compareUnsigned(((String) a).getBytes(StandardCharsets.UTF_8),
                    ((String) b).getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("not a map key type: " + keyField.getFullName());
        };
    }
}
