package dev.rwsh.commands.connect;

import dev.rwsh.commands.etcd.EtcdConnectOptions;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdConnector;
import dev.rwsh.commands.result.MessageResult;
import dev.rwsh.commands.session.Session;

/** {@code connect etcd}: opens the connection, proves it answers, and makes it the session's source. */
public final class ConnectEtcdCommand {
    private ConnectEtcdCommand() {
    }

    public static MessageResult run(Session session, EtcdConnectOptions options) {
        EtcdConnection connection = EtcdConnector.connect(options);
        session.useEtcd(connection);
        String as = connection.user() == null ? "" : " as " + connection.user();
        return new MessageResult("connected to etcd at " + options.endpoints().display() + as);
    }
}
