package dev.rwsh.commands.meta;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/**
 * One level of a protobuf message tree rewritten field by field: every message-typed field value
 * (each element of a repeated field, a singular field when set) goes through a function, and a
 * builder is made only at the first value that changes, so an untouched tree comes back as the
 * same instance. The function recurses by calling {@link #rewrite} itself where it wants to.
 */
public final class MessageRewriter {
    private MessageRewriter() {
    }

    /** The new value of one field: {@code value} itself for no change; null clears a singular field. */
    @FunctionalInterface
    public interface Child {
        Message apply(FieldDescriptor field, Message value);
    }

    public static Message rewrite(Message m, Child child) {
        Message.Builder b = null;
        for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
            if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (f.isRepeated()) {
                for (int i = 0, n = m.getRepeatedFieldCount(f); i < n; i++) {
                    Message v = (Message) m.getRepeatedField(f, i);
                    Message nv = child.apply(f, v);
                    if (nv != v) {
                        if (b == null) {
                            b = m.toBuilder();
                        }
                        b.setRepeatedField(f, i, nv);
                    }
                }
            } else if (m.hasField(f)) {
                Message v = (Message) m.getField(f);
                Message nv = child.apply(f, v);
                if (nv != v) {
                    if (b == null) {
                        b = m.toBuilder();
                    }
                    if (nv == null) {
                        b.clearField(f);
                    } else {
                        b.setField(f, nv);
                    }
                }
            }
        }
        return b == null ? m : b.build();
    }
}
