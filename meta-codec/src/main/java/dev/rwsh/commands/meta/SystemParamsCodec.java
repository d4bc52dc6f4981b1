package dev.rwsh.commands.meta;

import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.rwsh.proto.meta.SystemParams;
import java.util.List;
import java.util.Set;

/**
 * System parameters: one etcd key per parameter under {@code cf/system_params/}, the value as text
 * (decimal numbers, {@code true}/{@code false}, strings as they are). Parsed into rwsh's
 * {@code meta.SystemParams}, whose field names are the parameter names.
 */
public final class SystemParamsCodec {
    /** The parameters RisingWave v2.0.7 writes, in its order. */
    public static final List<String> NAMES = List.of("barrier_interval_ms", "checkpoint_frequency", "sstable_size_mb",
            "parallel_compact_size_mb", "block_size_kb", "bloom_false_positive", "state_store", "data_directory",
            "backup_storage_url", "backup_storage_directory", "max_concurrent_creating_streaming_jobs", "pause_on_next_bootstrap",
            "enable_tracing", "use_new_object_prefix_strategy", "license_key", "time_travel_retention_ms");
    /** Declared by RisingWave but deprecated: never written by v2.0.7 and ignored when read. */
    public static final Set<String> DEPRECATED = Set.of("telemetry_enabled", "wasm_storage_url");
    /** Parameters a v2.0 meta node adds on first start over a v1.9 store. */
    public static final Set<String> SINCE_V2_0 = Set.of("use_new_object_prefix_strategy", "license_key", "time_travel_retention_ms");

    private SystemParamsCodec() {
    }

    /** What is wrong with one stored parameter, or null if RisingWave v2.0.7 reads it as it is. */
    public static String problem(String name, String text) {
        if (DEPRECATED.contains(name)) {
            return "deprecated: RisingWave v2.0.7 ignores it";
        }
        FieldDescriptor field = SystemParams.getDescriptor().findFieldByName(name);
        if (field == null) {
            return "not a RisingWave v2.0.7 system parameter: ignored when read";
        }
        try {
            parse(field, text);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Adds one parameter to the message; a value that does not parse is left out. */
    public static void put(SystemParams.Builder params, String name, String text) {
        FieldDescriptor field = SystemParams.getDescriptor().findFieldByName(name);
        if (field == null || DEPRECATED.contains(name)) {
            return;
        }
        try {
            params.setField(field, parse(field, text));
        } catch (IllegalArgumentException e) {
            // reported by problem()
        }
    }

    /** The text RisingWave writes for a value. */
    public static String format(Object value) {
        if (value instanceof Double d) {
            return formatDouble(d);
        }
        return String.valueOf(value);
    }

    /**
     * The text RisingWave writes for the value of this parameter: u32 and u64 as their full unsigned
     * decimal (v2.0.7 parses them into u32/u64 and writes them back with {@code to_string()}; Java's
     * signed int and long would print a value above the signed maximum as a negative number).
     */
    public static String format(FieldDescriptor field, Object value) {
        return switch (field.getType()) {
            case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) value);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) value);
            default -> format(value);
        };
    }

    /** The shortest text that reads back as the same double, without exponent for ordinary values (as Rust prints). */
    static String formatDouble(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    private static Object parse(FieldDescriptor field, String text) {
        String type = field.getType().name().toLowerCase();
        try {
            return switch (field.getType()) {
                case UINT32 -> Integer.parseUnsignedInt(text);
                case UINT64 -> Long.parseUnsignedLong(text);
                case BOOL -> switch (text) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
                };
                case DOUBLE -> {
                    if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|inf|-inf|NaN")) {
                        throw new NumberFormatException();
                    }
                    yield Double.parseDouble(text.replace("inf", "Infinity"));
                }
                case STRING -> text;
                default -> throw new IllegalArgumentException("unexpected type " + type);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a " + (field.getType() == FieldDescriptor.Type.DOUBLE ? "number" : type));
        }
    }
}
