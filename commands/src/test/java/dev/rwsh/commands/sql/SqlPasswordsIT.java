package dev.rwsh.commands.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.config.ConfigEmitCommand;
import dev.rwsh.commands.config.ConfigStyle;
import dev.rwsh.commands.connect.ConnectSqlCommand;
import dev.rwsh.commands.connect.StatusCommand;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.migrate.MigrateCommand;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.testsupport.MemoryKeyspace;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Passwords off the command line (environment variables, a prompt) against the real PostgreSQL and
 * MariaDB, with a password made of every ASCII punctuation character, which no output ever shows.
 */
class SqlPasswordsIT {
    static final String MARK = SqlEndpointTest.MARK;
    static final String PASSWORD = MARK + SqlEndpointTest.PUNCTUATION + MARK;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A database of its own with a second user whose password is {@link #PASSWORD}; returns that user's URL without a password. */
    private static String userWithNastyPassword(ScratchDatabase db) {
        String user = db.name() + "_s";
        SqlEndpoint owner = SqlEndpoint.parse(db.url());
        if (db.backend().equals("postgres")) {
            db.admin("CREATE ROLE " + user + " LOGIN PASSWORD '" + PASSWORD.replace("'", "''") + "'",
                    "GRANT ALL ON DATABASE " + db.name() + " TO " + user);
        } else {
            String literal = PASSWORD.replace("\\", "\\\\").replace("'", "''");
            for (String host : new String[] {"127.0.0.1", "localhost", "%"}) {
                db.admin("CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + literal + "'",
                        "GRANT ALL PRIVILEGES ON `" + db.name() + "`.* TO '" + user + "'@'" + host + "'");
            }
        }
        return db.backend() + "://" + user + "@" + owner.host() + ":" + owner.port() + "/" + db.name();
    }

    private static void dropUser(ScratchDatabase db, String url) {
        String user = SqlEndpoint.parse(url).user();
        if (db.backend().equals("postgres")) {
            db.admin("DROP OWNED BY " + user, "DROP ROLE " + user);
        } else {
            for (String host : new String[] {"127.0.0.1", "localhost", "%"}) {
                db.admin("DROP USER '" + user + "'@'" + host + "'");
            }
        }
    }

    private static ScratchDatabase scratch(String backend) {
        return backend.equals("postgres") ? ScratchDatabase.postgres() : ScratchDatabase.mysql();
    }

    private static String backendVariable(String backend) {
        return backend.equals("postgres") ? "PGPASSWORD" : "MYSQL_PWD";
    }

    private static String text(StatusCommand.StatusResult status) throws Exception {
        StringBuilder out = new StringBuilder(JSON.writeValueAsString(status));
        for (TableView t : status.tables()) {
            out.append(t);
            t.rows().forEach(r -> out.append(String.join("|", r.stream().map(String::valueOf).toList())));
        }
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mysql"})
    void theBackendsOwnVariableConnectsAndNothingShowsThePassword(String backend) throws Exception {
        try (ScratchDatabase db = scratch(backend)) {
            String url = userWithNastyPassword(db);
            try {
                Map<String, String> env = Map.of(backendVariable(backend), PASSWORD);
                try (Session session = new Session(env::get)) {
                    String message = ConnectSqlCommand.run(session, url).message();
                    assertTrue(message.endsWith("(password from " + backendVariable(backend) + ")"), message);
                    String status = text(StatusCommand.run(session));
                    assertTrue(status.contains(db.name()), status);
                    assertFalse(status.contains(MARK), status);
                    SqlEndpoint connected = session.requireSql().endpoint();
                    for (ConfigStyle style : ConfigStyle.values()) {
                        String emitted = String.join("\n", ConfigEmitCommand.emit(connected, style, false, null).lines());
                        assertFalse(emitted.contains(MARK), emitted);
                    }
                    // the meta node needs the password too: config emit --show-secrets carries the one from the environment
                    String shown = String.join("\n", ConfigEmitCommand.emit(connected, ConfigStyle.FLAGS, true, null).lines());
                    assertTrue(shown.contains(SqlEndpointTest.percentEncoded(PASSWORD).replace("%5F", "_").replace("%2D", "-")
                            .replace("%2E", ".").replace("%7E", "~")), shown);
                    // the migrate state file
                    MemoryKeyspace source = new MemoryKeyspace();
                    ClusterGenerator.generate(ClusterGenerator.Options.small(3), source);
                    Path stateFile = dir.resolve("migrate-state.json");
                    MigrateCommand.run(source, "generated cluster", session.requireSql(), new MigrateCommand.Options(false, true, stateFile),
                            MigrationListener.NONE);
                    String state = Files.readString(stateFile);
                    assertTrue(state.contains("dry run"), state);
                    assertFalse(state.contains(MARK), state);
                }
            } finally {
                dropUser(db, url);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mysql"})
    void theUrlWinsThenThePromptThenRwshSqlPasswordThenTheBackendsVariable(String backend) {
        try (ScratchDatabase db = scratch(backend)) {
            String url = userWithNastyPassword(db);
            try {
                Map<String, String> env = new HashMap<>(Map.of(SqlPasswords.RWSH_SQL_PASSWORD, PASSWORD, backendVariable(backend), MARK + "-wrong"));
                try (Session session = new Session(env::get)) {
                    assertTrue(ConnectSqlCommand.run(session, url).message().endsWith("(password from RWSH_SQL_PASSWORD)"));
                }
                env.put(SqlPasswords.RWSH_SQL_PASSWORD, MARK + "-wrong");
                String withPassword = url.replace("_s@", "_s:" + SqlEndpointTest.percentEncoded(PASSWORD) + "@");
                try (Session session = new Session(env::get)) {
                    String message = ConnectSqlCommand.run(session, withPassword).message();
                    assertFalse(message.contains("password from"), message);
                    assertFalse(message.contains(MARK), message);
                }
                String[] asked = new String[1];
                try (Session session = new Session(env::get)) {
                    String message = ConnectSqlCommand.run(session, url, question -> {
                        asked[0] = question;
                        return PASSWORD;
                    }).message();
                    assertTrue(message.endsWith("(password from the prompt)"), message);
                    assertTrue(asked[0].startsWith(backend + " password for " + db.name() + "_s@"), asked[0]);
                }
                RwshException both = assertThrows(RwshException.class, () -> ConnectSqlCommand.run(new Session(env::get), withPassword, q -> PASSWORD));
                assertEquals(ExitStatus.USAGE, both.status());
                assertTrue(both.getMessage().contains("already carries a password"), both.getMessage());
                assertFalse(both.getMessage().contains(MARK), both.getMessage());
                // a wrong password from the environment is refused, and the message says where it came from
                RwshException refused = assertThrows(RwshException.class, () -> ConnectSqlCommand.run(new Session(env::get), url));
                assertTrue(refused.getMessage().contains("refused user '" + db.name() + "_s' with the password from RWSH_SQL_PASSWORD"),
                        refused.getMessage());
                assertFalse(refused.getMessage().contains(MARK), refused.getMessage());
            } finally {
                dropUser(db, url);
            }
        }
    }
}
