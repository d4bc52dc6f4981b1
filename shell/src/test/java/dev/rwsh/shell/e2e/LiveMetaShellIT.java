package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.testsupport.EtcdServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** migrate through scripts/rwsh against an etcd whose meta node still holds its leader lease. */
class LiveMetaShellIT {
    static EtcdServer server;
    @TempDir
    Path home;

    @BeforeAll
    static void writeCluster() throws Exception {
        server = EtcdServer.start();
        server.generate(ClusterGenerator.Options.small(19).withElectionLease(3600)); // the meta node has not stopped
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void migrateRefusesALiveMetaNodeAndIgnoreLiveMetaIsRecorded() throws Exception {
        String url = "sqlite://" + home.resolve("meta.db") + "?mode=rwc";
        Rwsh.Run refused = Rwsh.commands(home, server.endpoint(), url, "migrate -f --yes");
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("has a live leader lease: meta node ") && refused.err().contains(" s left")
                && refused.err().contains("--ignore-live-meta"), refused.toString());

        Rwsh.Run ignored = Rwsh.commands(home, server.endpoint(), url, "help migrate", "migrate --ignore-live-meta", "migrate status", "doctor");
        assertEquals(0, ignored.exit(), ignored.toString());
        assertTrue(ignored.out().contains("--ignore-live-meta"), ignored.toString());
        assertTrue(ignored.out().contains("live meta node IGNORED (--ignore-live-meta)"), ignored.toString());
        assertTrue(ignored.out().contains("migrated while a meta node was live"), ignored.toString());
    }
}
