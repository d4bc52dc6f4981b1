package dev.rwsh.commands.keys;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.etcd.KeyValueEntry;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.RawOutput;
import dev.rwsh.commands.result.TableView;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** {@code get KEY [--hex | --raw]}: one key's value and metadata. */
public final class GetCommand {
    private GetCommand() {
    }

    /** How the value is shown: readable text as it is, or escaped bytes, a hex dump, or the raw bytes. */
    public enum ValueMode { AUTO, HEX, RAW }

    /** {@code encoding} is text, escaped or hex and says how {@code value} is written. */
    public record GetResult(String key, long revision, long size, long createRevision, long modRevision, long version,
            long lease, String encoding, String value, @JsonIgnore byte[] bytes, @JsonIgnore boolean raw)
            implements CommandResult, RawOutput {
        @Override
        public List<TableView> tables() {
            TableView meta = TableView.builder(null, "key", "size", "create revision", "mod revision", "version", "lease")
                    .row(key, size, createRevision, modRevision, version, lease == 0 ? "" : Long.toHexString(lease)).build();
            return List.of(meta, TableView.builder("value (" + encoding + ")", "value").row(value).build());
        }

        @Override
        public byte[] rawBytes() {
            return raw ? bytes : null;
        }
    }

    public static GetResult run(Keyspace keyspace, String key, ValueMode mode) {
        if (key == null || key.isEmpty()) {
            throw RwshException.usage("get needs a KEY");
        }
        byte[] keyBytes = KeyText.unescape(key);
        KeyValueEntry entry = keyspace.get(keyBytes).orElseThrow(() -> RwshException.failed(
                "no key '" + KeyText.escape(keyBytes) + "' at revision " + keyspace.revision() + "; 'keys PREFIX' lists what there is"));
        byte[] value = entry.value();
        String encoding;
        String shown;
        if (mode == ValueMode.HEX) {
            encoding = "hex";
            shown = hexDump(value);
        } else {
            String text = printableText(value);
            encoding = text != null ? "text" : "escaped";
            shown = text != null ? text : KeyText.escape(value);
        }
        return new GetResult(KeyText.escape(entry.key()), keyspace.revision(), value.length, entry.createRevision(),
                entry.modRevision(), entry.version(), entry.lease(), encoding, shown, value, mode == ValueMode.RAW);
    }

    /** The value as text if it is valid UTF-8 without control characters (tabs and newlines allowed). */
    static String printableText(byte[] value) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f) {
                    return null;
                }
            }
            return text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Sixteen bytes a line: offset, hex, and the printable ASCII beside it. */
    static String hexDump(byte[] value) {
        StringBuilder out = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int off = 0; off < value.length; off += 16) {
            int end = Math.min(value.length, off + 16);
            out.append(String.format("%08x  ", off));
            for (int i = off; i < off + 16; i++) {
                out.append(i < end ? hex.toHexDigits(value[i]) + " " : "   ");
                if (i == off + 7) {
                    out.append(' ');
                }
            }
            out.append(" |");
            for (int i = off; i < end; i++) {
                int c = value[i] & 0xff;
                out.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
            out.append('|');
            if (end < value.length) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
