package dev.rwsh.commands.connect;

import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.SqlErrors;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.cluster.Member;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.etcd.jetcd.options.GetOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** {@code status}: what each connection points at and how it answers. Passwords never appear. */
public final class StatusCommand {
    private StatusCommand() {
    }

    public record EtcdMember(String id, String name, List<String> clientUrls, boolean leader) {
    }

    public record EtcdStatus(String endpoints, String user, String serverVersion, double latencyMs, String clusterId,
            long revision, String leader, List<EtcdMember> members) {
    }

    /** @param bulkPath how migrate would send rows to this target ({@link dev.rwsh.commands.sql.BulkPath#describe}) */
    public record SqlStatus(String endpoint, String backend, String serverVersion, String database, String user, double latencyMs, String bulkPath) {
    }

    /** A backup file as the read-only etcd source. */
    public record BackupStatus(String file, long revision, String etcdClusterId, String rwClusterId, String createdAt, long keys,
            long fileBytes, String prefix) {
    }

    public record StatusResult(EtcdStatus etcd, SqlStatus sql, BackupStatus backup) implements CommandResult {
        public StatusResult(EtcdStatus etcd, SqlStatus sql) {
            this(etcd, sql, null);
        }


        @Override
        public List<TableView> tables() {
            TableView.Builder conn = TableView.builder("connections", "target", "endpoint", "user", "server", "latency ms", "detail");
            if (backup != null) {
                conn.row("etcd", "backup " + backup.file(), "", "rwsh backup (read-only)", "",
                        "revision " + backup.revision() + ", " + backup.keys() + " keys" + (backup.prefix().isEmpty() ? "" : " under " + backup.prefix())
                        + ", etcd cluster " + backup.etcdClusterId() + ", RisingWave cluster "
                        + (backup.rwClusterId() == null ? "(none)" : backup.rwClusterId()) + ", taken " + backup.createdAt());
            } else if (etcd == null) {
                conn.row("etcd", "not connected", "", "", "", "");
            } else {
                conn.row("etcd", etcd.endpoints(), etcd.user() == null ? "" : etcd.user(), "etcd " + etcd.serverVersion(),
                        String.format("%.1f", etcd.latencyMs()),
                        "cluster " + etcd.clusterId() + ", revision " + etcd.revision() + ", leader " + etcd.leader());
            }
            if (sql == null) {
                conn.row("sql", "not connected", "", "", "", "");
            } else {
                conn.row("sql", sql.endpoint(), sql.user() == null ? "" : sql.user(), sql.backend() + " " + sql.serverVersion(),
                        String.format("%.1f", sql.latencyMs()), "database " + sql.database() + ", bulk path: " + sql.bulkPath());
            }
            List<TableView> tables = new ArrayList<>();
            tables.add(conn.build());
            if (etcd != null) {
                TableView.Builder members = TableView.builder("etcd members", "id", "name", "client urls", "leader");
                for (EtcdMember m : etcd.members()) {
                    members.row(m.id(), m.name(), String.join(",", m.clientUrls()), m.leader() ? "yes" : "");
                }
                tables.add(members.build());
            }
            return tables;
        }
    }

    public static StatusResult run(Session session) {
        EtcdStatus etcd = session.etcd().map(StatusCommand::etcdStatus).orElse(null);
        SqlStatus sql = session.sql().map(StatusCommand::sqlStatus).orElse(null);
        BackupStatus backup = session.backup().map(b -> new BackupStatus(b.path().toString(), b.header().revision(),
                b.header().etcdClusterId(), b.header().rwClusterId(), b.header().createdAt(), b.summary().keyCount(),
                b.summary().fileBytes(), dev.rwsh.commands.etcd.KeyText.escape(b.header().prefix()))).orElse(null);
        return new StatusResult(etcd, sql, backup);
    }

    static EtcdStatus etcdStatus(EtcdConnection etcd) {
        long start = System.nanoTime();
        GetResponse probe = etcd.get(ByteSequence.from(new byte[] {0}), GetOption.builder().withCountOnly(true).build());
        double latencyMs = (System.nanoTime() - start) / 1e6;
        StatusResponse status = etcd.status(etcd.endpoints().uris().get(0));
        List<EtcdMember> members = new ArrayList<>();
        String leaderName = Long.toHexString(status.getLeader());
        for (Member m : etcd.members()) {
            boolean leader = m.getId() == status.getLeader();
            if (leader) {
                leaderName = m.getName();
            }
            members.add(new EtcdMember(Long.toHexString(m.getId()), m.getName(),
                    m.getClientURIs().stream().map(Object::toString).toList(), leader));
        }
        return new EtcdStatus(etcd.endpoints().display(), etcd.user(), status.getVersion(), latencyMs,
                Long.toHexString(probe.getHeader().getClusterId()), probe.getHeader().getRevision(), leaderName, members);
    }

    static SqlStatus sqlStatus(SqlConnection sql) {
        try (Connection c = sql.open()) {
            DatabaseMetaData meta = c.getMetaData();
            long start = System.nanoTime();
            String user;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(currentUserQuery(sql))) {
                rs.next();
                user = rs.getString(1);
            }
            double latencyMs = (System.nanoTime() - start) / 1e6;
            String database = sql.endpoint().path() != null ? sql.endpoint().path().toString() : c.getCatalog() != null && !c.getCatalog().isEmpty() ? c.getCatalog() : sql.endpoint().database();
            return new SqlStatus(sql.endpoint().display(), sql.backend().rwName(), meta.getDatabaseProductVersion(),
                    database, user, latencyMs, SqlDialect.of(sql.backend(), c).bulkPath().describe());
        } catch (SQLException e) {
            throw SqlErrors.explain(sql.endpoint(), "query", e);
        }
    }

    private static String currentUserQuery(SqlConnection sql) {
        return switch (sql.backend()) {
            case POSTGRES -> "SELECT current_user";
            case MYSQL -> "SELECT CURRENT_USER()";
            case SQLITE -> "SELECT NULL";
        };
    }
}
