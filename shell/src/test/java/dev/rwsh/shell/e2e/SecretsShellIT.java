package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.testsupport.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No password reaches standard output or error: errors, stacktrace, config emit, runbook lines, echoed options. */
class SecretsShellIT {
    /** On both sides of every password below: any part of one that leaks shows it. */
    static final String MARK = "Sekr";

    @TempDir
    Path home;

    /** The real PostgreSQL's host and port, so that a wrong password reaches the server and is refused there. */
    static String pgHostPort() {
        String url = TestServices.postgresUrl();
        String afterAt = url.substring(url.lastIndexOf('@') + 1);
        return afterAt.substring(0, afterAt.indexOf('/'));
    }

    static List<String> leakyEndpoints() {
        String hp = pgHostPort();
        return List.of(
                "postgres://rwsh:" + MARK + "Top%zz" + MARK + "@" + hp + "/rwsh",
                "postgres://rwsh:" + MARK + "#" + MARK + "@" + hp + "/rwsh",
                "postgres://rwsh:" + MARK + "?" + MARK + "@" + hp + "/rwsh",
                "postgres://rwsh:" + MARK + "/" + MARK + "@" + hp + "/rwsh",
                "postgres://rwsec:S3" + MARK + "@Pw" + MARK + "@" + hp + "/rwsh",
                "postgres://rwsh:" + MARK + "@my host:5432/rwsh",
                "postgres://rwsh:" + MARK + "!*()" + MARK + "@" + hp + "/my db",
                "postgres://rwsh:" + MARK + "@127.0.0.1:99999/rwsh",
                "postgres://rwsh:" + MARK + "@127.0.0.1:abc/rwsh");
    }

    @Test
    void errorsStacktracesAndConfigEmitNeverShowThePassword() throws Exception {
        List<String> args = new ArrayList<>(List.of("--no-rc", "-c", "on-error continue"));
        for (String url : leakyEndpoints()) {
            args.addAll(List.of("-c", "connect sql --endpoint '" + url + "'", "-c", "stacktrace",
                    "-c", "config emit --sql-endpoint '" + url + "'", "-c", "stacktrace",
                    "-c", "preflight --watch 0 --sql-endpoint '" + url + "'", "-c", "doctor --sql-endpoint '" + url + "'"));
        }
        args.addAll(List.of("-c", "connect etcd --endpoints 127.0.0.1:1 --timeout 1 --user=rwsec:" + MARK + "Pw" + MARK, "-c", "stacktrace"));
        args.addAll(List.of("-c", "connect sql --endpoint \"postgres://u:" + MARK + "@h/d", "-c", "stacktrace"));
        args.addAll(List.of("-c", "status"));
        Rwsh.Run run = Rwsh.run(home, null, args.toArray(new String[0]));
        assertFalse(run.out().contains(MARK), "password on stdout:\n" + run.out());
        assertFalse(run.err().contains(MARK), "password on stderr:\n" + run.err());
        // the lines did run and fail, each with its reason
        assertTrue(run.err().contains("contains an unencoded '#'"), run.err());
        assertTrue(run.err().contains("port 99999 is out of range"), run.err());
        assertTrue(run.err().contains("the port is not a number"), run.err());
        assertTrue(run.err().contains("refused user 'rwsh'"), run.err());
        assertTrue(run.err().contains("unknown option --user=rwsec:**** "), run.err());
        assertTrue(run.out().contains("Caused by: org.postgresql.util.PSQLException"), "stacktrace shows the driver's exception:\n" + run.out());
        assertTrue(run.out().contains("--sql-endpoint 'postgres://rwsh:****@"), run.out());
    }

    @Test
    void aBadPortIsAUsageErrorAtStartToo() throws Exception {
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "--sql-endpoint", "postgres://rwsh:" + MARK + "@127.0.0.1:99999/rwsh", "-c", "status");
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("port 99999 is out of range"), run.err());
        assertFalse(run.err().contains(MARK), run.err());
        Rwsh.Run word = Rwsh.run(home, null, "--no-rc", "-c", "connect sql --endpoint mysql://u:" + MARK + "@127.0.0.1:3306x/db");
        assertEquals(2, word.exit(), word.toString());
        assertTrue(word.err().contains("the port is not a number"), word.err());
    }

    @Test
    void aRunbookLineWithAnUnclosedVariableIsNotEchoed() throws Exception {
        Path book = home.resolve("leak.rwsh");
        Files.writeString(book, "on-error continue\nconnect sql --endpoint postgres://rwsh:" + MARK + "${PW" + MARK + "@h/rwsh\nstacktrace\n");
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "-f", book.toString());
        assertEquals(2, run.exit(), "a usage error, the status of the last failing line: " + run);
        assertTrue(run.err().contains("leak.rwsh:2: unclosed ${ at column"), run.err());
        assertFalse(run.err().contains(MARK), run.err());
        assertFalse(run.out().contains(MARK), run.out());
    }

    /** The test PostgreSQL's URL without its password. */
    static String postgresWithoutPassword() {
        String url = TestServices.postgresUrl();
        int colon = url.indexOf(':', url.indexOf("//") + 2);
        return url.substring(0, colon) + url.substring(url.lastIndexOf('@'));
    }

    @Test
    void passwordsComeFromTheEnvironmentAtStartAndInConnectSql() throws Exception {
        String password = dev.rwsh.commands.sql.SqlEndpoint.parse(TestServices.postgresUrl()).password();
        Rwsh.Run atStart = Rwsh.runWithEnvironment(home, java.util.Map.of("PGPASSWORD", password), null, "--no-rc", "--sql-endpoint", postgresWithoutPassword(),
                "-c", "status");
        assertEquals(0, atStart.exit(), atStart.toString());
        Rwsh.Run inLine = Rwsh.runWithEnvironment(home, java.util.Map.of("RWSH_SQL_PASSWORD", password, "PGPASSWORD", "wrong"), null, "--no-rc",
                "-c", "connect sql --endpoint " + postgresWithoutPassword());
        assertEquals(0, inLine.exit(), inLine.toString());
        assertTrue(inLine.out().contains("(password from RWSH_SQL_PASSWORD)"), inLine.out());
        Rwsh.Run wrong = Rwsh.runWithEnvironment(home, java.util.Map.of("PGPASSWORD", MARK + "wrong"), null, "--no-rc",
                "-c", "connect sql --endpoint " + postgresWithoutPassword());
        assertEquals(1, wrong.exit(), wrong.toString());
        assertTrue(wrong.err().contains("with the password from PGPASSWORD (bad user or password)"), wrong.err());
        assertFalse(wrong.err().contains(MARK), wrong.err());
    }
}
