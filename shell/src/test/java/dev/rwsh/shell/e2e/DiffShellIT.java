package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.testsupport.EtcdServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** diff through scripts/rwsh: clean after migrate (exit 0), a rename found (exit 3) in table, JSON and diff show output. */
class DiffShellIT {
    static EtcdServer server;
    @TempDir
    Path home;

    @BeforeAll
    static void writeCluster() throws Exception {
        server = EtcdServer.start();
        server.generateStopped(ClusterGenerator.Options.small(3));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Rwsh.Run rwsh(String url, String... commands) throws Exception {
        return Rwsh.commands(home, server.endpoint(), url, commands);
    }

    @Test
    void cleanThenARenameIsFoundAndShown() throws Exception {
        Path file = home.resolve("meta.db");
        String url = "sqlite://" + file + "?mode=rwc";
        Rwsh.Run migrated = rwsh(url, "migrate", "diff");
        assertEquals(0, migrated.exit(), migrated.toString());
        assertTrue(migrated.out().contains("no differences"), migrated.toString());

        String name;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT name FROM \"table\" WHERE table_type = 'TABLE' ORDER BY table_id LIMIT 1");
            rs.next();
            name = rs.getString(1);
            s.executeUpdate("UPDATE \"table\" SET name = 'renamed_in_sql' WHERE name = '" + name + "'");
        }
        Rwsh.Run details = rwsh(url, "diff --details --category table");
        assertEquals(3, details.exit(), details.toString());
        assertTrue(details.out().contains("renamed_in_sql") && details.out().contains(name), details.toString());

        Rwsh.Run json = rwsh(url, "diff --format json");
        assertEquals(3, json.exit(), json.toString());
        assertTrue(json.out().contains("\"clean\" : false") || json.out().contains("\"clean\":false"), json.toString());
        assertTrue(json.out().contains("\"only_in_etcd\""), json.toString());

        Rwsh.Run show = rwsh(url, "diff show renamed_in_sql");
        assertEquals(3, show.exit(), show.toString());
        assertTrue(show.out().contains(name) && show.out().contains("NO"), show.toString());
    }
}
