package dev.rwsh.commands.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.connect.ConnectSqlCommand;
import dev.rwsh.commands.connect.StatusCommand;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.testsupport.SqlAdmin;
import dev.rwsh.commands.testsupport.TestServices;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Connecting to the real PostgreSQL, MariaDB and SQLite, and every failure a user meets first. */
class SqlConnectIT {

    static String url(String backend) {
        return backend.equals("postgres") ? TestServices.postgresUrl() : TestServices.mysqlUrl();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mysql"})
    void connectsAndReportsStatusWithoutThePassword(String backend) {
        try (Session session = new Session()) {
            String message = ConnectSqlCommand.run(session, url(backend)).message();
            assertTrue(message.startsWith("connected to " + backend), message);
            assertFalse(message.contains(":rwsh@"), message);
            StatusCommand.SqlStatus status = StatusCommand.run(session).sql();
            assertEquals(backend, status.backend());
            assertEquals("rwsh", status.database());
            assertTrue(status.user().startsWith("rwsh"), status.user());
            assertTrue(status.endpoint().contains(":****@"), status.endpoint());
            assertFalse(status.serverVersion().isEmpty());
            assertEquals(backend.equals("postgres") ? "COPY FROM STDIN" : "LOAD DATA LOCAL INFILE", status.bulkPath());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mysql"})
    void badPasswordIsNamedAndNotEchoed(String backend) {
        String bad = SqlAdmin.withCredentials(url(backend), "rwsh", "wrong-secret", "rwsh");
        RwshException e = assertThrows(RwshException.class, () -> ConnectSqlCommand.run(new Session(), bad));
        assertTrue(e.getMessage().contains("refused user 'rwsh'"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mysql"})
    void missingDatabaseSaysHowToCreateIt(String backend) {
        String adminUrl = backend.equals("postgres") ? TestServices.postgresAdminUrl() : TestServices.mysqlAdminUrl();
        String missing = SqlAdmin.withCredentials(adminUrl, "rwsh_admin", "rwsh_admin", "no_such_db_rwsh");
        RwshException e = assertThrows(RwshException.class, () -> ConnectSqlCommand.run(new Session(), missing));
        assertTrue(e.getMessage().contains("database 'no_such_db_rwsh' does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("CREATE DATABASE no_such_db_rwsh;"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mysql"})
    void unreachableServerIsNamed(String backend) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = backend + "://u:p@127.0.0.1:" + port + "/db";
        RwshException e = assertThrows(RwshException.class, () -> ConnectSqlCommand.run(new Session(), url));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port + ": nothing answers there"), e.getMessage());
    }

    @Test
    void sqliteCreatesTheFileInAWritableDirectory(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("meta.db");
        try (Session session = new Session()) {
            ConnectSqlCommand.run(session, "sqlite://" + db + "?mode=rwc");
            assertEquals("sqlite", StatusCommand.run(session).sql().backend());
        }
        assertTrue(Files.exists(db));
        try (var files = java.nio.file.Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".rwsh-probe")), "probe file left behind");
        }
    }

    @Test
    void sqliteFailuresSayWhatIsWrong(@TempDir Path dir) {
        // /proc refuses new files even to root, which permission bits would not show.
        RwshException unwritable = assertThrows(RwshException.class, () -> ConnectSqlCommand.run(new Session(), "sqlite:///proc/rwsh-meta.db?mode=rwc"));
        assertTrue(unwritable.getMessage().contains("directory /proc is not writable"), unwritable.getMessage());
        RwshException noDir = assertThrows(RwshException.class, () -> ConnectSqlCommand.run(new Session(), "sqlite://" + dir.resolve("missing/meta.db")));
        assertTrue(noDir.getMessage().contains("does not exist; create it first"), noDir.getMessage());
        RwshException noFile = assertThrows(RwshException.class, () -> ConnectSqlCommand.run(new Session(), "sqlite://" + dir.resolve("x.db") + "?mode=rw"));
        assertTrue(noFile.getMessage().contains("mode=rw does not create one"), noFile.getMessage());
    }
}
