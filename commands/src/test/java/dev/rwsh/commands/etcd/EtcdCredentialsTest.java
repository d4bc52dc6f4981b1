package dev.rwsh.commands.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where etcd credentials come from: options first, then the prompt, then etcdctl's environment variables. */
class EtcdCredentialsTest {
    static final Map<String, String> NONE = Map.of();

    @Test
    void optionsWinOverTheEnvironment() {
        Map<String, String> env = Map.of("ETCDCTL_USER", "envuser:envpw", "ETCDCTL_PASSWORD", "envpw2");
        assertEquals(new EtcdCredentials("root", "pw"), EtcdCredentials.resolve("root:pw", null, null, env::get));
        assertEquals(new EtcdCredentials("root", "pw"), EtcdCredentials.resolve("root", "pw", null, env::get));
        assertEquals(new EtcdCredentials("root", "typed"), EtcdCredentials.resolve("root", null, q -> "typed", env::get));
        // --user without a password takes ETCDCTL_PASSWORD, never the password of another user in ETCDCTL_USER
        assertEquals(new EtcdCredentials("root", "envpw2"), EtcdCredentials.resolve("root", null, null, env::get));
    }

    @Test
    void theEnvironmentAloneNamesUserAndPassword() {
        assertEquals(new EtcdCredentials("u", "p:w"), EtcdCredentials.resolve(null, null, null, Map.of("ETCDCTL_USER", "u:p:w")::get));
        assertEquals(new EtcdCredentials("u", "pw"), EtcdCredentials.resolve(null, null, null, Map.of("ETCDCTL_USER", "u", "ETCDCTL_PASSWORD", "pw")::get));
        assertEquals(new EtcdCredentials("u", "typed"), EtcdCredentials.resolve(null, null, q -> "typed", Map.of("ETCDCTL_USER", "u")::get));
        assertNull(EtcdCredentials.resolve(null, null, null, NONE::get));
        assertNull(EtcdCredentials.resolve(null, null, null, Map.of("ETCDCTL_PASSWORD", "pw")::get));
    }

    @Test
    void contradictionsAndMissingPasswordsAreUsageErrorsThatShowNoPassword() {
        for (Runnable r : new Runnable[] {
            () -> EtcdCredentials.resolve("root:Sekr1", "Sekr2", null, NONE::get),
            () -> EtcdCredentials.resolve("root:Sekr1", null, q -> "Sekr2", NONE::get),
            () -> EtcdCredentials.resolve("root", "Sekr1", q -> "Sekr2", NONE::get),
            () -> EtcdCredentials.resolve(null, "Sekr1", null, NONE::get),
            () -> EtcdCredentials.resolve("root", null, null, NONE::get),
            () -> EtcdCredentials.resolve(null, null, null, Map.of("ETCDCTL_USER", "root")::get)}) {
            RwshException e = assertThrows(RwshException.class, r::run);
            assertEquals(ExitStatus.USAGE, e.status());
            assertFalse(e.getMessage().contains("Sekr"), e.getMessage());
        }
        RwshException e = assertThrows(RwshException.class, () -> EtcdCredentials.resolve(null, null, null, Map.of("ETCDCTL_USER", "root")::get));
        assertTrue(e.getMessage().contains("ETCDCTL_USER names user root but no password"), e.getMessage());
    }
}
