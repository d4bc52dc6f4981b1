package dev.rwsh.commands.session;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.backupfile.BackupFile;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.sql.SqlPasswords;
import java.util.Optional;
import java.util.function.Function;

/**
 * The connections a shell session holds. The etcd source is either a live etcd or a backup file
 * ({@code connect etcd --backup}), never both; replacing a source or connection closes the old one.
 */
public final class Session implements AutoCloseable {
    private final Function<String, String> environment;
    private EtcdConnection etcd;
    private BackupFile backup;
    private SqlConnection sql;

    /** A session that reads passwords from the process's environment (PGPASSWORD, ETCDCTL_PASSWORD...). */
    public Session() {
        this(System::getenv);
    }

    /** A session that reads environment variables through {@code environment} (tests give their own). */
    public Session(Function<String, String> environment) {
        this.environment = environment;
    }

    /** The environment variables, by name: null when unset. */
    public Function<String, String> environment() {
        return environment;
    }

    /** {@code url} parsed, with a password from the environment when the URL has none ({@link SqlPasswords}). */
    public SqlEndpoint sqlEndpoint(String url) {
        return SqlPasswords.resolve(SqlEndpoint.parse(url), null, environment);
    }

    /** The live etcd connection, if the source is a live etcd. */
    public Optional<EtcdConnection> etcd() {
        return Optional.ofNullable(etcd);
    }

    /** The backup file, if the source is a backup. */
    public Optional<BackupFile> backup() {
        return Optional.ofNullable(backup);
    }

    /** Whether there is an etcd source, live or backup. */
    public boolean hasEtcdSource() {
        return etcd != null || backup != null;
    }

    public Optional<SqlConnection> sql() {
        return Optional.ofNullable(sql);
    }

    /** The live etcd; fails when there is none, or when the source is a backup. */
    public EtcdConnection requireEtcd() {
        if (etcd == null) {
            if (backup != null) {
                throw RwshException.failed("the etcd source is the backup " + backup.path() + ", not a live etcd: "
                        + "run 'connect etcd --endpoints HOST:PORT' for this");
            }
            throw RwshException.failed("not connected to etcd: run 'connect etcd --endpoints HOST:PORT' (or --backup FILE) first");
        }
        return etcd;
    }

    /** The live etcd a writing command writes to; a backup source is read-only and refused. */
    public EtcdConnection requireWritableEtcd(String command) {
        if (backup != null) {
            throw RwshException.failed(command + " writes into a live etcd, and the etcd source is the backup " + backup.path()
                    + ", which is read-only: run 'connect etcd --endpoints HOST:PORT' to the target first");
        }
        if (etcd == null) {
            throw RwshException.failed(command + " writes into a live etcd: run 'connect etcd --endpoints HOST:PORT' to the target first");
        }
        return etcd;
    }

    public SqlConnection requireSql() {
        if (sql == null) {
            throw RwshException.failed("not connected to a SQL meta store: run 'connect sql --endpoint URL' first");
        }
        return sql;
    }

    /** The read-only source as commands name it: "etcd HOST:PORT" or "backup FILE"; fails when there is none. */
    public String sourceName() {
        if (backup != null) {
            return "backup " + backup.path();
        }
        return "etcd " + requireEtcd().endpoints().display();
    }

    /** A fresh keyspace pinned at the source's current revision: a live etcd's, or the backup's. */
    public Keyspace openKeyspace() {
        if (backup != null) {
            return backup.keyspace();
        }
        return EtcdSnapshot.open(requireEtcd());
    }

    /** Makes a live etcd the source (null: none); a backup source is closed. */
    public void useEtcd(EtcdConnection connection) {
        EtcdConnection old = etcd;
        BackupFile oldBackup = backup;
        etcd = connection;
        backup = null;
        if (old != null) {
            old.close();
        }
        if (oldBackup != null) {
            oldBackup.close();
        }
    }

    /** Makes a backup file the read-only source (null: none); a live etcd connection is closed. */
    public void useBackup(BackupFile file) {
        useEtcd(null);
        backup = file;
    }

    public void useSql(SqlConnection connection) {
        SqlConnection old = sql;
        sql = connection;
        if (old != null) {
            old.close();
        }
    }

    @Override
    public void close() {
        useEtcd(null);
        useSql(null);
    }
}
