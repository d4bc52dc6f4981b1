package dev.rwsh.commands.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtcdEndpointsTest {

    @Test
    void parsesRisingWaveStyleList() {
        EtcdEndpoints e = EtcdEndpoints.parse("etcd-0:2379, 10.0.0.2:2380", false);
        assertEquals(List.of(URI.create("http://etcd-0:2379"), URI.create("http://10.0.0.2:2380")), e.uris());
        assertEquals("etcd-0:2379,10.0.0.2:2380", e.display());
    }

    @Test
    void tlsPicksHttpsForBareEntriesAndKeepsExplicitSchemes() {
        EtcdEndpoints e = EtcdEndpoints.parse("a:1,http://b:2", true);
        assertEquals(List.of(URI.create("https://a:1"), URI.create("http://b:2")), e.uris());
    }

    @Test
    void rejectsMissingPortEmptyAndOtherSchemes() {
        for (String bad : new String[] {"", "host", "ftp://h:1", ",,"}) {
            RwshException e = assertThrows(RwshException.class, () -> EtcdEndpoints.parse(bad, false), bad);
            assertEquals(ExitStatus.USAGE, e.status());
        }
    }

    @Test
    void credentialsSplitAtFirstColonAndNeverPrintThePassword() {
        EtcdCredentials c = EtcdCredentials.parseUserPassword("root:pa:ss");
        assertEquals("root", c.user());
        assertEquals("pa:ss", c.password());
        assertTrue(!c.toString().contains("pa:ss"));
        assertThrows(RwshException.class, () -> EtcdCredentials.parseUserPassword("nocolon"));
        assertThrows(RwshException.class, () -> EtcdCredentials.parseUserPassword(":pw"));
    }
}
