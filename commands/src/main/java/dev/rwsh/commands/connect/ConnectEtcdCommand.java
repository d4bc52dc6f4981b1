package dev.rwsh.commands.connect;

import dev.rwsh.commands.backupfile.BackupFile;
import dev.rwsh.commands.backupfile.BackupHeader;
import dev.rwsh.commands.etcd.EtcdConnectOptions;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdConnector;
import dev.rwsh.commands.result.MessageResult;
import dev.rwsh.commands.session.Session;

/**
 * {@code connect etcd}: opens the connection, proves it answers, and makes it the session's source;
 * or, with {@code --backup FILE}, makes a backup file the read-only source.
 */
public final class ConnectEtcdCommand {
    private ConnectEtcdCommand() {
    }

    public static MessageResult run(Session session, EtcdConnectOptions options) {
        EtcdConnection connection = EtcdConnector.connect(options);
        session.useEtcd(connection);
        String as = connection.user() == null ? "" : " as " + connection.user();
        return new MessageResult("connected to etcd at " + options.endpoints().display() + as);
    }

    /** Opens the backup (checking its SHA-256) and makes it the session's read-only etcd source. */
    public static MessageResult runBackup(Session session, java.nio.file.Path file) {
        BackupFile backup = BackupFile.open(file, true);
        session.useBackup(backup);
        BackupHeader h = backup.header();
        return new MessageResult("using the backup " + file + " as the read-only etcd source: revision " + h.revision() + ", "
                + backup.summary().keyCount() + " keys, etcd cluster " + h.etcdClusterId()
                + (h.rwClusterId() == null ? "" : ", RisingWave cluster " + h.rwClusterId()) + ", taken " + h.createdAt());
    }
}
