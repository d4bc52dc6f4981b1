package dev.rwsh.shell.launch;

import java.util.ArrayList;
import java.util.List;
import org.jline.builtins.Options;

/**
 * The launcher's options, in the spirit of psql. Parsed before Spring starts, so --help is instant.
 *
 * <p>JLine's {@link Options} (GNU-style: {@code -c CMD}, {@code -cCMD}, {@code --command=CMD}, {@code --command CMD},
 * unambiguous prefixes of long names) reads the option list from the help text itself, so the two cannot drift
 * apart. It replaced picocli, whose classes (class file version 49) could not go into the start-up cache: a
 * sixth of a start was spent loading them (docs/performance.md).
 */
public final class LaunchOptions {

    /** The --help text. Each line starting with an option declares it: an argument after {@code =}. */
    private static final String[] HELP = {
            "Usage: rwsh [OPTIONS]",
            "The RisingWave meta shell: inspect RisingWave's etcd metadata and migrate it to a SQL meta store.",
            "Without -c or -f, starts the interactive shell.",
            "",
            "  -c --command=CMD            Run this command (repeatable, in order), then exit.",
            "  -f --file=FILE              Run this runbook ('-' for standard input), then exit.",
            "  -v --set=NAME=VALUE         Set a session variable (repeatable).",
            "     --etcd-endpoints=HOST:PORT[,HOST:PORT...]",
            "                              Connect to etcd at start (waiting RWSH_ETCD_TIMEOUT seconds,",
            "                              else 5, for an answer).",
            "     --etcd-backup=FILE       Use this rwsh backup file as the read-only etcd source.",
            "     --etcd-user-password=USER:PASS",
            "                              etcd credentials, as risingwave ctl takes them (else ETCDCTL_USER,",
            "                              ETCDCTL_PASSWORD).",
            "     --sql-endpoint=URL       Connect to the SQL meta store at start (postgres://, mysql://,",
            "                              sqlite://, jdbc:); without a password in it: RWSH_SQL_PASSWORD,",
            "                              PGPASSWORD or MYSQL_PWD.",
            "     --format=table|json|csv  Output format for the session (default: table).",
            "     --yes                    Answer yes to every confirmation.",
            "     --no-rc                  Do not read ~/.rwshrc at start.",
            "  -h --help                   Show this help and exit.",
            "  -V --version                Print the version and exit.",
            "",
            "Exit status: 0 every command succeeded; 1 a command failed; 2 usage error;",
            "3 a check ran and found a problem. A runbook stops at its first failing line."};

    public List<String> commands = new ArrayList<>();
    public String runbook;
    public List<String> variables = new ArrayList<>();
    public String etcdEndpoints;
    public String etcdBackup;
    public String etcdUserPassword;
    public String sqlEndpoint;
    public String format;
    public boolean yes;
    public boolean noRc;
    public boolean helpRequested;
    public boolean versionRequested;

    /** The command line could not be parsed; the message is one line, prefixed "rwsh: ". */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    public static LaunchOptions parse(String... args) throws UsageException {
        // No environment: Options would otherwise prepend the words of $RWSH_OPTS to the arguments.
        // An unknown option ends the options and is kept as the first argument, so that it is named as typed
        // (JLine's own message drops the dash of a short one).
        Options parsed;
        try {
            parsed = Options.compile(HELP, name -> null).setStopOnBadOption(true).parse(args);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!parsed.args().isEmpty()) {
            String first = parsed.args().get(0);
            throw new UsageException(first.startsWith("-") && !first.equals("-")
                    ? "rwsh: unknown option '" + first + "'" : "rwsh: unexpected argument '" + first + "'");
        }
        LaunchOptions options = new LaunchOptions();
        options.commands.addAll(parsed.getList("command"));
        options.runbook = lastOrNull(parsed, "file");
        options.variables.addAll(parsed.getList("set"));
        options.etcdEndpoints = lastOrNull(parsed, "etcd-endpoints");
        options.etcdBackup = lastOrNull(parsed, "etcd-backup");
        options.etcdUserPassword = lastOrNull(parsed, "etcd-user-password");
        options.sqlEndpoint = lastOrNull(parsed, "sql-endpoint");
        options.format = lastOrNull(parsed, "format");
        options.yes = parsed.isSet("yes");
        options.noRc = parsed.isSet("no-rc");
        options.helpRequested = parsed.isSet("help");
        options.versionRequested = parsed.isSet("version");
        return options;
    }

    /** A single-valued option given more than once keeps its last value, as psql does. */
    private static String lastOrNull(Options parsed, String name) {
        return parsed.isSet(name) ? parsed.get(name) : null;
    }

    public static String help() {
        return String.join(System.lineSeparator(), HELP) + System.lineSeparator();
    }

    public boolean interactive() {
        return commands.isEmpty() && runbook == null;
    }
}
