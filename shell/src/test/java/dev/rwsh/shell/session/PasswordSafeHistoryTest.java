package dev.rwsh.shell.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordSafeHistoryTest {

    @Test
    void linesWithSecretsAreRecognised() {
        assertTrue(PasswordSafeHistory.carriesSecret("connect etcd --endpoints h:1 --user root --password hunter2"));
        assertTrue(PasswordSafeHistory.carriesSecret("connect etcd --endpoints h:1 --user root:hunter2"));
        assertTrue(PasswordSafeHistory.carriesSecret("connect sql --endpoint postgres://rw:hunter2@db:5432/meta"));
        assertTrue(PasswordSafeHistory.carriesSecret("connect sql --endpoint jdbc:postgresql://db/meta?user=rw&password=hunter2"));
    }

    @Test
    void historyShowsSecretLinesMasked() {
        assertEquals("set DB_PASSWORD ****", PasswordSafeHistory.display("set DB_PASSWORD hunter2"));
        for (String line : new String[] {"connect etcd --endpoints h:1 --user=rwsec:Sekr!t#Pw@x",
                "connect sql postgres://rw:hunter2@db:5432/meta", "connect etcd --endpoints h:1 --user root:hunter2"}) {
            String shown = PasswordSafeHistory.display(line);
            assertFalse(shown.contains("Sekr!t") || shown.contains("hunter2"), shown);
            assertTrue(shown.contains("****"), shown);
        }
        assertEquals("echo first-line", PasswordSafeHistory.display("echo first-line"));
    }

    @Test
    void aQuotedPasswordWithASpaceIsShownMaskedWhole() {
        assertEquals("connect etcd --endpoints h:1 --user root --password '****'",
                PasswordSafeHistory.display("connect etcd --endpoints h:1 --user root --password 'correct horse'"));
    }

    @Test
    void ordinaryLinesAreNot() {
        assertFalse(PasswordSafeHistory.carriesSecret("connect etcd --endpoints h:1 --user root --password-prompt"));
        assertFalse(PasswordSafeHistory.carriesSecret("connect sql --endpoint sqlite:///tmp/meta.db?mode=rwc"));
        assertFalse(PasswordSafeHistory.carriesSecret("keys cf/catalog_table/"));
    }

    @Test
    void setWithASecretLookingNameIsASecretLine() {
        assertTrue(PasswordSafeHistory.carriesSecret("set DB_PASSWORD hunter2"));
        assertTrue(PasswordSafeHistory.carriesSecret("set api_token abc"));
        assertTrue(PasswordSafeHistory.carriesSecret("  SET MySecret x y"));
        assertTrue(PasswordSafeHistory.carriesSecret("set TLS_KEY /etc/k.pem"));
        assertFalse(PasswordSafeHistory.carriesSecret("set ETCD 127.0.0.1:2379"));
        assertFalse(PasswordSafeHistory.carriesSecret("echo set PASSWORD"));
    }

    @Test
    void secretLinesStayInMemoryButNeverReachTheFile(@TempDir Path home) throws Exception {
        Path file = home.resolve(".rwsh_history");
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[0]);
        try (Terminal terminal = new DumbTerminal(in, new ByteArrayOutputStream())) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            PasswordSafeHistory history = new PasswordSafeHistory();
            history.persistTo(reader, file);
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
            history.add(Instant.now(), "keys cf/\\x08");
            history.add(Instant.now(), "connect sql --endpoint mysql://root:pw@h/db");
            history.add(Instant.now(), "set DB_PASSWORD hunter2");
            history.add(Instant.now(), "status");
            assertEquals(4, history.size());
            assertEquals("set DB_PASSWORD hunter2", history.get(2));

            String saved = Files.readString(file);
            assertTrue(saved.contains("status"), saved);
            assertFalse(saved.contains("root:pw") || saved.contains("hunter2"), saved);
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));

            // The next session reads back exactly the kept lines, backslashes included.
            PasswordSafeHistory next = new PasswordSafeHistory();
            next.persistTo(LineReaderBuilder.builder().terminal(terminal).build(), file);
            assertEquals(2, next.size());
            assertEquals("keys cf/\\x08", next.get(0));
            assertEquals("status", next.get(1));
        }
    }

    @Test
    void anExistingReadableFileIsMadePrivate(@TempDir Path home) throws Exception {
        Path file = home.resolve(".rwsh_history");
        Files.writeString(file, "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())) {
            new PasswordSafeHistory().persistTo(LineReaderBuilder.builder().terminal(terminal).build(), file);
        }
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    }

    @Test
    void theFileIsCutToItsSizeLimitAndStaysPrivate(@TempDir Path home) throws Exception {
        Path file = home.resolve(".rwsh_history");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            lines.append("1700000000000:echo line-").append(i).append('\n');
        }
        Files.writeString(file, lines);
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).variable(LineReader.HISTORY_FILE_SIZE, 5).build();
            PasswordSafeHistory history = new PasswordSafeHistory();
            history.persistTo(reader, file);
            history.add(Instant.now(), "echo after");
        }
        java.util.List<String> kept = Files.readAllLines(file);
        assertEquals(6, kept.size(), kept.toString());
        assertTrue(kept.get(0).endsWith("echo line-8") && kept.get(5).endsWith("echo after"), kept.toString());
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    }

    @Test
    void multiLineEntriesRoundTrip(@TempDir Path home) throws Exception {
        Path file = home.resolve(".rwsh_history");
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())) {
            PasswordSafeHistory history = new PasswordSafeHistory();
            history.persistTo(LineReaderBuilder.builder().terminal(terminal).build(), file);
            history.add(Instant.now(), "sql query 'SELECT 1\nFROM x' \\\\n");
            PasswordSafeHistory next = new PasswordSafeHistory();
            next.persistTo(LineReaderBuilder.builder().terminal(terminal).build(), file);
            assertEquals("sql query 'SELECT 1\nFROM x' \\\\n", next.get(0));
        }
    }

    @Test
    void aPasswordWithAnyPunctuationKeepsItsLineOutOfHistory() {
        for (char c : "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".toCharArray()) {
            String pw = "Sekr" + c + "Sekr";
            for (String line : new String[] {"connect sql --endpoint postgres://rw:" + pw + "@db:5432/meta",
                    "connect sql --endpoint 'mysql://rw:" + pw + "@db/meta'", "connect etcd --endpoints h:1 --user=root:" + pw,
                    "connect etcd --endpoints h:1 --user root --password " + pw, "preflight --sql-endpoint jdbc:postgresql://h/d?password=" + pw}) {
                assertTrue(PasswordSafeHistory.carriesSecret(line), line);
            }
        }
    }
}
