package dev.rwsh.commands.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.meta.MetaEntry;
import dev.rwsh.commands.meta.MetaJson;

/**
 * One decoded entry as commands show it.
 *
 * @param etcdKey the etcd key, escaped ({@code \xNN} for binary bytes)
 * @param key the decoded key (an id, {@code host:port}, a name)
 * @param bytes the stored value's size
 * @param compressed true when the value was stored gzip-compressed
 * @param lease the etcd lease holding the key, in hex, if any
 * @param value the decoded value; absent when {@code error} says why it did not decode
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetaEntryView(String family, String etcdKey, String key, Long id, int bytes, boolean compressed, long modRevision,
        String lease, JsonNode value, String error, String warning) {

    public static MetaEntryView of(MetaEntry e) {
        return new MetaEntryView(e.family() == null ? null : e.family().familyName(), KeyText.escape(e.etcdKey()), e.key(), e.id(),
                e.storedBytes(), e.compressed(), e.modRevision(), e.lease() == 0 ? null : Long.toHexString(e.lease()),
                MetaJson.valueOf(e), e.error(), e.warning());
    }

    /** A one-line heading: key, size, compression, warning. */
    public String heading() {
        StringBuilder out = new StringBuilder(etcdKey);
        if (id != null || etcdKey.contains("\\x")) { // numeric or binary keys: say what they decode to
            out.append(" (").append(id != null ? "id " : "").append(key).append(")");
        }
        out.append(", ").append(bytes).append(" bytes");
        if (compressed) {
            out.append(", gzip");
        }
        if (warning != null) {
            out.append(", warning: ").append(warning);
        }
        return out.toString();
    }

    /** The value as indented JSON, or the error. */
    public String body() {
        return error != null ? "error: " + error : MetaJson.pretty(value);
    }
}
