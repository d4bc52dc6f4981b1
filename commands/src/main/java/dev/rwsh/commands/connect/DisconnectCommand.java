package dev.rwsh.commands.connect;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.result.MessageResult;
import dev.rwsh.commands.session.Session;
import java.util.ArrayList;
import java.util.List;

/** {@code disconnect [etcd|sql]}: closes one connection, or both. */
public final class DisconnectCommand {
    private DisconnectCommand() {
    }

    public static MessageResult run(Session session, String which) {
        String target = which == null || which.isBlank() ? "all" : which.trim().toLowerCase();
        if (!List.of("etcd", "sql", "all").contains(target)) {
            throw RwshException.usage("disconnect takes etcd, sql or nothing (both), not '" + which + "'");
        }
        List<String> closed = new ArrayList<>();
        if ((target.equals("etcd") || target.equals("all")) && session.hasEtcdSource()) {
            closed.add(session.backup().isPresent() ? "the etcd backup" : "etcd");
            session.useEtcd(null);
        }
        if ((target.equals("sql") || target.equals("all")) && session.sql().isPresent()) {
            session.useSql(null);
            closed.add("sql");
        }
        return new MessageResult(closed.isEmpty() ? "nothing to disconnect" : "disconnected " + String.join(" and ", closed));
    }
}
