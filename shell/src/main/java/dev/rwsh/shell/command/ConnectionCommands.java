package dev.rwsh.shell.command;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.connect.ConnectEtcdCommand;
import dev.rwsh.commands.connect.ConnectSqlCommand;
import dev.rwsh.commands.connect.DisconnectCommand;
import dev.rwsh.commands.connect.StatusCommand;
import dev.rwsh.commands.etcd.EtcdConnectOptions;
import dev.rwsh.commands.etcd.EtcdCredentials;
import dev.rwsh.commands.etcd.EtcdEndpoints;
import dev.rwsh.commands.etcd.EtcdTls;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.MessageResult;
import dev.rwsh.shell.session.ShellSession;
import java.nio.file.Path;
import java.time.Duration;
import org.jline.reader.LineReader;
import org.springframework.context.annotation.Lazy;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** connect etcd, connect sql, disconnect, status. */
@Command(group = "Connections")
public class ConnectionCommands {
    private final ShellSession session;
    private final LineReader lineReader;

    public ConnectionCommands(ShellSession session, @Lazy LineReader lineReader) {
        this.session = session;
        this.lineReader = lineReader;
    }

    @Command(command = "connect etcd", description = "Connect to RisingWave's etcd meta store (read-only), or use a backup file as the read-only source.")
    public MessageResult connectEtcd(
            @Option(longNames = "endpoints", label = "HOST:PORT[,...]", description = "etcd endpoints, comma-separated") String endpoints,
            @Option(longNames = "backup", label = "FILE", description = "use this rwsh backup as the read-only etcd source instead of a live etcd") String backup,
            @Option(longNames = "user", label = "USER|USER:PASS", description = "etcd user, or USER:PASS as risingwave ctl's --etcd-user-password takes it (default: ETCDCTL_USER)") String user,
            @Option(longNames = "password", label = "PASS", description = "etcd password (prefer --password-prompt: this one may end up in logs)") String password,
            @Option(longNames = "password-prompt", description = "ask for the password without echoing it (else ETCDCTL_PASSWORD)") boolean passwordPrompt,
            @Option(longNames = "cacert", label = "FILE", description = "CA bundle to verify the server (TLS)") String cacert,
            @Option(longNames = "cert", label = "FILE", description = "client certificate (TLS)") String cert,
            @Option(longNames = "key", label = "FILE", description = "client private key (TLS)") String key,
            @Option(longNames = "timeout", label = "SECONDS", description = "how long to wait for an answer (default: RWSH_ETCD_TIMEOUT, else 5)") Integer timeoutSeconds) {
        if (backup != null) {
            if (endpoints != null || user != null || password != null || passwordPrompt || cacert != null || cert != null || key != null) {
                throw RwshException.usage("--backup takes no endpoint, credentials or TLS options: a backup is a local file");
            }
            return ConnectEtcdCommand.runBackup(session.engine(), Path.of(backup));
        }
        if (endpoints == null) {
            throw RwshException.usage("connect etcd needs --endpoints HOST:PORT[,...] or --backup FILE");
        }
        EtcdCredentials credentials = EtcdCredentials.resolve(user, password, passwordPrompt ? this::promptPassword : null,
                session.engine().environment());
        EtcdTls tls = new EtcdTls(path(cacert), path(cert), path(key));
        if (timeoutSeconds != null && timeoutSeconds <= 0) {
            throw RwshException.usage("--timeout must be a positive number of seconds");
        }
        Duration timeout = timeoutSeconds == null ? EtcdConnectOptions.defaultTimeout(session.engine().environment())
                : Duration.ofSeconds(timeoutSeconds);
        EtcdConnectOptions options = new EtcdConnectOptions(EtcdEndpoints.parse(endpoints, tls.enabled()), credentials, tls, timeout);
        return ConnectEtcdCommand.run(session.engine(), options);
    }

    @Command(command = "connect sql", description = "Connect to a SQL meta store: postgres://USER:PASS@HOST:PORT/DB, mysql://USER:PASS@HOST:PORT/DB, "
            + "sqlite://PATH?mode=rwc or a jdbc: URL. Without a password in the URL: --password-prompt, else RWSH_SQL_PASSWORD, PGPASSWORD or MYSQL_PWD.")
    public MessageResult connectSql(
            @Option(longNames = "endpoint", required = true, label = "URL", description = "the SQL endpoint, as RisingWave's --sql-endpoint takes it") String endpoint,
            @Option(longNames = "password-prompt", description = "ask for the password without echoing it (the URL then carries none)") boolean passwordPrompt) {
        return ConnectSqlCommand.run(session.engine(), endpoint, passwordPrompt ? this::promptPassword : null);
    }

    @Command(command = "disconnect", description = "Close the etcd or SQL connection, or both.")
    public MessageResult disconnect(
            @Option(longNames = "target", label = "etcd|sql", description = "which connection (default: both)") String target) {
        return DisconnectCommand.run(session.engine(), target);
    }

    @Command(command = "status", description = "Show both connections: endpoint, server version, latency, cluster details.")
    public CommandResult status() {
        return StatusCommand.run(session.engine());
    }

    private String promptPassword(String prompt) {
        try {
            return lineReader.readLine(prompt, '*');
        } catch (org.jline.reader.UserInterruptException | org.jline.reader.EndOfFileException e) {
            throw RwshException.failed("no password entered");
        }
    }

    private static Path path(String file) {
        return file == null ? null : Path.of(file);
    }
}
