package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.generator.GeneratedCluster;
import dev.rwsh.commands.testsupport.EtcdServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoded-metadata commands through scripts/rwsh, against a generated cluster in a private etcd. */
class MetadataCommandsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static EtcdServer server;
    static GeneratedCluster generated;
    @TempDir
    Path home;

    @BeforeAll
    static void writeCluster() throws Exception {
        server = EtcdServer.start();
        generated = server.generate(ClusterGenerator.Options.small(11).withElectionLease(3600));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void catalogAsJsonAndShowAsTables() throws Exception {
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", server.endpoint(),
                "-c", "catalog --format json", "-c", "show dev.public.order_stats", "-c", "jobs --format csv");
        assertEquals(0, run.exit(), run.toString());
        JsonNode catalog = JSON.readTree(run.out().substring(0, run.out().indexOf("\n}\n") + 2));
        assertEquals("dev", catalog.get("databases").get(0).get("name").asText());
        assertEquals(0, catalog.get("databases").get(0).get("id").asInt());
        assertEquals(generated.objects().get("user"), catalog.get("users").size());
        assertTrue(run.out().contains("dev.public.order_stats"), run.out());
        assertTrue(run.out().contains("fragments:"), run.out());
        assertTrue(run.out().contains("stream_scan"), run.out());
        String csv = run.out().substring(run.out().indexOf("id,name,kind,state"));
        assertEquals(generated.jobs() + 1, csv.lines().takeWhile(l -> !l.isBlank()).count(), csv);
    }

    @Test
    void aMissingObjectOrFamilyIsAOneLineErrorWithItsExitStatus() throws Exception {
        Rwsh.Run missing = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", server.endpoint(), "-c", "show no_such_table");
        assertEquals(1, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("no object named 'no_such_table'"), missing.err());
        Rwsh.Run usage = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", server.endpoint(), "-c", "meta get nonsense 1");
        assertEquals(2, usage.exit(), usage.toString());
        assertTrue(usage.err().contains("unknown column family 'nonsense'"), usage.err());
        Rwsh.Run get = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", server.endpoint(), "-c", "meta get catalog_database 0 --format json");
        assertEquals(0, get.exit(), get.toString());
        assertEquals("dev", JSON.readTree(get.out()).get("entry").get("value").get("name").asText());
    }
}
