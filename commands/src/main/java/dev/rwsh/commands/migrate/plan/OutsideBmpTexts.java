package dev.rwsh.commands.migrate.plan;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.rwsh.commands.meta.CatalogKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the texts of the metadata that hold a character outside Unicode's Basic Multilingual Plane
 * (4 bytes in UTF-8: emoji, rarer CJK, mathematical letters): names, definitions and the other
 * string fields of every object, system and session parameters, worker hosts. A target whose
 * character set cannot store them (see {@link dev.rwsh.commands.sql.SqlDialect#textLimit()}) is
 * refused before anything is written. Strings nested in messages that are stored as protobuf
 * blobs, and maps stored as JSON, are stored whole on every backend and not looked at.
 */
final class OutsideBmpTexts {
    private OutsideBmpTexts() {
    }

    /** One line per text: the object (kind, name, id), the field and the first such character. */
    static List<String> find(PlanState plan) {
        List<String> out = new ArrayList<>();
        for (String[] p : plan.systemParams) {
            text(out, "system parameter " + p[0], "value", p[1]);
        }
        for (Map.Entry<String, String> p : plan.sessionParams.entrySet()) {
            text(out, "session parameter " + p.getKey(), "name", p.getKey());
            text(out, "session parameter " + p.getKey(), "value", p.getValue());
        }
        for (dev.rwsh.proto.common.WorkerNode w : plan.workers) {
            text(out, "worker " + dev.rwsh.commands.meta.MetaKeys.hostText(w.getHost()) + " (id " + Integer.toUnsignedString(w.getId()) + ")",
                    "host", w.getHost().getHost());
        }
        for (CatalogKind kind : CatalogKind.values()) {
            messages(out, kind, plan.catalog(kind));
        }
        return out;
    }

    private static void messages(List<String> out, CatalogKind kind, List<? extends Message> messages) {
        for (Message m : messages) {
            String object = kind.label() + " " + kind.name(m) + " (id " + Integer.toUnsignedString(kind.id(m)) + ")";
            for (Map.Entry<FieldDescriptor, Object> f : m.getAllFields().entrySet()) {
                FieldDescriptor d = f.getKey();
                if (d.getType() != FieldDescriptor.Type.STRING || d.isMapField()) {
                    continue;
                }
                if (d.isRepeated()) {
                    for (Object v : (List<?>) f.getValue()) {
                        text(out, object, d.getName(), (String) v);
                    }
                } else {
                    text(out, object, d.getName(), (String) f.getValue());
                }
            }
        }
    }

    private static void text(List<String> out, String object, String field, String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (Character.isSupplementaryCodePoint(cp)) {
                out.add(object + ": " + field + " holds " + String.format("U+%X", cp) + " (" + new String(Character.toChars(cp))
                        + "), a character outside the Basic Multilingual Plane");
                return;
            }
            i += Character.charCount(cp);
        }
    }
}
