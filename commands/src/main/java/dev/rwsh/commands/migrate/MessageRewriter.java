package dev.rwsh.commands.migrate;

import com.google.protobuf.Message;

/**
 * The plan's name for {@link dev.rwsh.commands.meta.MessageRewriter}, which moved below migrate so
 * the writer can use it too; goes away once the plan imports it.
 */
final class MessageRewriter {
    private MessageRewriter() {
    }

    static Message rewrite(Message m, dev.rwsh.commands.meta.MessageRewriter.Child child) {
        return dev.rwsh.commands.meta.MessageRewriter.rewrite(m, child);
    }
}
