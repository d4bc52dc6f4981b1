package dev.rwsh.shell.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PasswordSafeHistoryTest {

    @Test
    void linesWithSecretsAreRecognised() {
        assertTrue(PasswordSafeHistory.carriesSecret("connect etcd --endpoints h:1 --user root --password hunter2"));
        assertTrue(PasswordSafeHistory.carriesSecret("connect etcd --endpoints h:1 --user root:hunter2"));
        assertTrue(PasswordSafeHistory.carriesSecret("connect sql --endpoint postgres://rw:hunter2@db:5432/meta"));
        assertTrue(PasswordSafeHistory.carriesSecret("connect sql --endpoint jdbc:postgresql://db/meta?user=rw&password=hunter2"));
    }

    @Test
    void ordinaryLinesAreNot() {
        assertFalse(PasswordSafeHistory.carriesSecret("connect etcd --endpoints h:1 --user root --password-prompt"));
        assertFalse(PasswordSafeHistory.carriesSecret("connect sql --endpoint sqlite:///tmp/meta.db?mode=rwc"));
        assertFalse(PasswordSafeHistory.carriesSecret("keys cf/catalog_table/"));
    }

    @Test
    void historySkipsSecretLinesAndKeepsTheRest() {
        PasswordSafeHistory history = new PasswordSafeHistory();
        history.add(Instant.now(), "keys cf/");
        history.add(Instant.now(), "connect sql --endpoint mysql://root:pw@h/db");
        history.add(Instant.now(), "status");
        assertEquals(2, history.size());
        assertEquals("keys cf/", history.get(0));
        assertEquals("status", history.get(1));
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
