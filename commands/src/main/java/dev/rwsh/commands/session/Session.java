package dev.rwsh.commands.session;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.sql.SqlConnection;
import java.util.Optional;

/** The connections a shell session holds. Replacing a connection closes the old one. */
public final class Session implements AutoCloseable {
    private EtcdConnection etcd;
    private SqlConnection sql;

    public Optional<EtcdConnection> etcd() {
        return Optional.ofNullable(etcd);
    }

    public Optional<SqlConnection> sql() {
        return Optional.ofNullable(sql);
    }

    public EtcdConnection requireEtcd() {
        if (etcd == null) {
            throw RwshException.failed("not connected to etcd: run 'connect etcd --endpoints HOST:PORT' first");
        }
        return etcd;
    }

    public SqlConnection requireSql() {
        if (sql == null) {
            throw RwshException.failed("not connected to a SQL meta store: run 'connect sql --endpoint URL' first");
        }
        return sql;
    }

    /** A fresh keyspace pinned at the source's current revision. */
    public Keyspace openKeyspace() {
        return EtcdSnapshot.open(requireEtcd());
    }

    public void useEtcd(EtcdConnection connection) {
        EtcdConnection old = etcd;
        etcd = connection;
        if (old != null) {
            old.close();
        }
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
