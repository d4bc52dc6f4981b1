package dev.rwsh.shell.launch;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The launcher's options, in the spirit of psql. Parsed before Spring starts, so --help is instant. */
@Command(name = "rwsh", mixinStandardHelpOptions = true, versionProvider = RwshVersion.class, sortOptions = false,
        description = {"The RisingWave meta shell: inspect RisingWave's etcd metadata and migrate it to a SQL meta store.",
                "Without -c or -f, starts the interactive shell."},
        footer = {"", "Exit status: 0 every command succeeded; 1 a command failed; 2 usage error;",
                "3 a check ran and found a problem. A runbook stops at its first failing line."})
public final class LaunchOptions {

    @Option(names = "-c", paramLabel = "CMD", description = "Run this command (repeatable, in order), then exit.")
    public List<String> commands = new ArrayList<>();

    @Option(names = "-f", paramLabel = "FILE", description = "Run this runbook ('-' for standard input), then exit.")
    public String runbook;

    @Option(names = "-v", paramLabel = "NAME=VALUE", description = "Set a session variable (repeatable).")
    public List<String> variables = new ArrayList<>();

    @Option(names = "--etcd-endpoints", paramLabel = "HOST:PORT[,HOST:PORT...]", description = "Connect to etcd at start (waiting RWSH_ETCD_TIMEOUT seconds, else 5, for an answer).")
    public String etcdEndpoints;

    @Option(names = "--etcd-backup", paramLabel = "FILE", description = "Use this rwsh backup file as the read-only etcd source.")
    public String etcdBackup;

    @Option(names = "--etcd-user-password", paramLabel = "USER:PASS", description = "etcd credentials, as risingwave ctl takes them (else ETCDCTL_USER, ETCDCTL_PASSWORD).")
    public String etcdUserPassword;

    @Option(names = "--sql-endpoint", paramLabel = "URL", description = "Connect to the SQL meta store at start (postgres://, mysql://, sqlite://, jdbc:); "
            + "without a password in it: RWSH_SQL_PASSWORD, PGPASSWORD or MYSQL_PWD.")
    public String sqlEndpoint;

    @Option(names = "--format", paramLabel = "table|json|csv", description = "Output format for the session (default: table).")
    public String format;

    @Option(names = "--yes", description = "Answer yes to every confirmation.")
    public boolean yes;

    @Option(names = "--no-rc", description = "Do not read ~/.rwshrc at start.")
    public boolean noRc;

    public boolean interactive() {
        return commands.isEmpty() && runbook == null;
    }
}
