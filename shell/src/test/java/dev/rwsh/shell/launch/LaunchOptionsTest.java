package dev.rwsh.shell.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void repeatableOptionsKeepTheirOrderAndEverySpellingIsAccepted() throws Exception {
        LaunchOptions o = LaunchOptions.parse("-c", "echo 1", "--command=echo 2", "-cecho 3", "--command", "echo 4",
                "-v", "A=1", "--set=B=2", "-f", "-", "--no-rc", "--yes", "--format", "json");
        assertEquals(List.of("echo 1", "echo 2", "echo 3", "echo 4"), o.commands);
        assertEquals(List.of("A=1", "B=2"), o.variables);
        assertEquals("-", o.runbook);
        assertTrue(o.noRc);
        assertTrue(o.yes);
        assertEquals("json", o.format);
        assertFalse(o.interactive());
    }

    @Test
    void valuesThatLookLikeOptionsAreTakenAsValues() throws Exception {
        LaunchOptions o = LaunchOptions.parse("-c", "--help", "--sql-endpoint", "sqlite:///tmp/x.db");
        assertEquals(List.of("--help"), o.commands);
        assertFalse(o.helpRequested);
        assertEquals("sqlite:///tmp/x.db", o.sqlEndpoint);
    }

    @Test
    void connectionOptionsAndTheirDefaults() throws Exception {
        LaunchOptions none = LaunchOptions.parse();
        assertTrue(none.interactive());
        assertTrue(none.commands.isEmpty());
        assertNull(none.etcdEndpoints);
        assertNull(none.etcdBackup);
        assertNull(none.sqlEndpoint);
        assertNull(none.format);
        assertFalse(none.noRc);
        LaunchOptions o = LaunchOptions.parse("--etcd-endpoints=127.0.0.1:2379,127.0.0.1:2380", "--etcd-user-password", "root:pw",
                "--etcd-backup", "/tmp/b.rwshbak");
        assertEquals("127.0.0.1:2379,127.0.0.1:2380", o.etcdEndpoints);
        assertEquals("root:pw", o.etcdUserPassword);
        assertEquals("/tmp/b.rwshbak", o.etcdBackup);
    }

    @Test
    void helpAndVersionAreFlags() throws Exception {
        assertTrue(LaunchOptions.parse("--help").helpRequested);
        assertTrue(LaunchOptions.parse("-h").helpRequested);
        assertTrue(LaunchOptions.parse("-V").versionRequested);
        assertTrue(LaunchOptions.parse("--version").versionRequested);
    }

    @Test
    void usageErrorsAreOneLineNamingTheWord() {
        assertEquals("rwsh: unknown option '--bogus'",
                assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("--bogus")).getMessage());
        assertEquals("rwsh: unknown option '-x'",
                assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("--no-rc", "-x", "-c", "echo")).getMessage());
        // JLine's wording for a missing value
        assertEquals("rwsh: option 'c' requires an argument",
                assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("-c")).getMessage());
        assertEquals("rwsh: unexpected argument 'foo'",
                assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("--no-rc", "foo")).getMessage());
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("--no-rc=1"));
        // three long options start with --etcd
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("--etcd", "x"));
    }

    @Test
    void theHelpListsEveryOption() {
        String help = LaunchOptions.help();
        for (String option : new String[] {"-c --command=CMD", "-f --file=FILE", "-v --set=NAME=VALUE", "--etcd-endpoints=",
                "--etcd-backup=FILE", "--etcd-user-password=", "--sql-endpoint=URL", "--format=", "--yes", "--no-rc", "--help",
                "--version"}) {
            assertTrue(help.contains(option), option + " missing from:\n" + help);
        }
        assertTrue(help.startsWith("Usage: rwsh [OPTIONS]"), help);
    }
}
