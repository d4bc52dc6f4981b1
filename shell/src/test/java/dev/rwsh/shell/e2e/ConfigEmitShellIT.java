package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config emit through scripts/rwsh: from --sql-endpoint without connecting, and from a connected SQLite session. */
class ConfigEmitShellIT {
    @TempDir
    Path home;

    @Test
    void fromAnEndpointWithoutConnecting() throws Exception {
        // Nothing listens on db.invalid: the command must not try to connect.
        String url = "postgres://rw:p%40ss%3Aw0rd@db.invalid:5432/meta";
        Rwsh.Run masked = Rwsh.run(home, null, "--no-rc", "-c", "config emit --sql-endpoint " + url + " --style env");
        assertEquals(0, masked.exit(), masked.toString());
        assertTrue(masked.out().contains("\nRW_BACKEND='postgres'\n"), masked.out());
        assertTrue(masked.out().contains("\nRW_SQL_ENDPOINT='db.invalid:5432'\n"), masked.out());
        assertTrue(masked.out().contains("\nRW_SQL_USERNAME='rw'\n"), masked.out());
        assertTrue(masked.out().contains("\nRW_SQL_PASSWORD='****'\n"), masked.out());
        assertTrue(masked.out().contains("\nRW_SQL_DATABASE='meta'\n"), masked.out());
        assertTrue(masked.out().contains("#   RW_ETCD_ENDPOINTS"), masked.out());
        assertFalse(masked.out().contains("p@ss") || masked.out().contains("p%40ss"), masked.out());

        Rwsh.Run shown = Rwsh.run(home, null, "--no-rc", "-c", "config emit --sql-endpoint " + url + " --style env --show-secrets");
        assertEquals(0, shown.exit(), shown.toString());
        assertTrue(shown.out().contains("\nRW_SQL_PASSWORD='p%40ss%3Aw0rd'\n"), shown.out());

        Rwsh.Run bad = Rwsh.run(home, null, "--no-rc", "-c", "config emit --sql-endpoint " + url + " --style yaml");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("unknown style 'yaml'"), bad.err());
    }

    @Test
    void fromAConnectedSqliteSession() throws Exception {
        Path db = home.resolve("meta.db");
        Path out = home.resolve("rw.env");
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "--sql-endpoint", "sqlite://" + db + "?mode=rwc",
                "-c", "config emit --style env",
                "-c", "config emit --style env --output " + out,
                "-c", "config emit --style helm --format json");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("\nRW_BACKEND='sqlite'\nRW_SQL_ENDPOINT='" + db + "'\n"), run.out());
        assertTrue(run.out().contains("wrote the env configuration for sqlite to " + out + " (mode 0600, password masked)"), run.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        // The file holds what the first command printed.
        String printed = run.out().substring(0, run.out().indexOf("wrote the env configuration"));
        assertEquals(printed, Files.readString(out));
        assertTrue(run.out().contains("\"style\" : \"helm\""), run.out());
        assertTrue(run.out().contains("\"secrets_shown\" : false"), run.out());
        assertTrue(run.out().contains("\"setting\" : \"metaStore.etcd.endpoints\""), run.out());
    }
}
