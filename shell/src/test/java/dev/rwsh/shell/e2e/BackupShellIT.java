package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.EtcdTestData;
import dev.rwsh.commands.testsupport.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup save/verify/restore and a backup as the source, through scripts/rwsh as a user runs them. */
class BackupShellIT {
    static EtcdTestData data;
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;

    @BeforeAll
    static void writeKeys() {
        data = new EtcdTestData(TestServices.etcd());
        for (int i = 0; i < 600; i++) {
            data.put(String.format("cf/catalog_table/%04d", i), "x".repeat(500) + i); // several 256 KiB blocks
        }
        data.put("cf/cluster_id", "0b1e7a6e-aaaa-bbbb-cccc-444455556666");
        data.put(data.key("cf/worker/\u0001"), new byte[] {(byte) 0xff, 0x00, 0x2f});
        byte[] binaryKey = data.key("bin/");
        binaryKey = Arrays.copyOf(binaryKey, binaryKey.length + 3);
        binaryKey[binaryKey.length - 3] = 0x08;
        binaryKey[binaryKey.length - 2] = (byte) 0xe9;
        binaryKey[binaryKey.length - 1] = 0x07;
        data.put(binaryKey, new byte[] {1, 2, 3});
        byte[] big = new byte[1_100_000];
        new Random(5).nextBytes(big);
        data.put(data.key("cf/table_fragments/big"), big);
    }

    @AfterAll
    static void cleanUp() {
        data.close();
    }

    /** The JSON documents a run printed, with the revision fields dropped (the live etcd moves on; the keys under our prefix do not). */
    static List<JsonNode> documents(String out) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        var it = JSON.readerFor(JsonNode.class).<JsonNode>readValues(out);
        while (it.hasNext()) {
            JsonNode doc = it.next();
            if (doc instanceof ObjectNode o) {
                o.remove("revision");
            }
            docs.add(doc);
        }
        return docs;
    }

    @Test
    void aBackupAnswersKeysGetCountAndTreeLikeTheEtcdItWasTakenFrom() throws Exception {
        String p = data.prefix();
        Path file = home.resolve("meta.rwshbak");
        Rwsh.Run save = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", TestServices.etcd(), "-c", "backup save " + file + " --prefix " + p);
        assertEquals(0, save.exit(), save.toString());
        // Not on a terminal: no bar, one plain progress line per step on standard error, none on standard output.
        assertTrue(save.err().lines().allMatch(l -> l.startsWith("backup save ")) && save.err().lines().count() == 1,
                "one plain progress line when not on a terminal:\n" + save.err());
        assertFalse(save.err().contains("\r") || save.out().contains("\r"), save.toString());

        String[] reads = {"-c", "keys " + p + " --limit 5000 --format json", "-c", "keys " + p + "cf/ --limit 7 --format json",
                "-c", "get " + p + "bin/\\x08\\xe9\\x07 --format json", "-c", "get " + p + "cf/table_fragments/big --hex --format json",
                "-c", "get " + p + "cf/catalog_table/0123 --format json", "-c", "count " + p + " --format json",
                "-c", "count " + p + "cf/catalog_table/01 --format json", "-c", "tree " + p + " --depth 4 --format json"};
        List<String> live = new ArrayList<>(List.of("--no-rc", "--etcd-endpoints", TestServices.etcd()));
        live.addAll(List.of(reads));
        List<String> fromBackup = new ArrayList<>(List.of("--no-rc", "--etcd-backup", file.toString()));
        fromBackup.addAll(List.of(reads));
        Rwsh.Run a = Rwsh.run(home, null, live.toArray(new String[0]));
        Rwsh.Run b = Rwsh.run(home, null, fromBackup.toArray(new String[0]));
        assertEquals(0, a.exit(), a.toString());
        assertEquals(0, b.exit(), b.toString());
        List<JsonNode> expected = documents(a.out());
        assertEquals(8, expected.size());
        assertEquals(604, expected.get(0).get("keys").size());
        assertEquals(documents(a.out()), documents(b.out()));

        Rwsh.Run help = Rwsh.run(home, null, "--help");
        assertTrue(help.out().contains("--etcd-backup=FILE"), help.out());
        Rwsh.Run both = Rwsh.run(home, null, "--no-rc", "--etcd-backup", file.toString(), "--etcd-endpoints", TestServices.etcd(), "-c", "keys");
        assertEquals(2, both.exit(), both.toString());

        Rwsh.Run status = Rwsh.run(home, null, "--no-rc", "--etcd-backup", file.toString(), "-c", "status --format json");
        assertEquals(0, status.exit(), status.toString());
        JsonNode backup = JSON.readTree(status.out()).get("backup");
        assertEquals(file.toString(), backup.get("file").asText());
        assertEquals(604, backup.get("keys").asInt());
        assertFalse(backup.get("etcd_cluster_id").asText().isEmpty());
    }

    @Test
    void verifyExitsThreeOnADamagedFileAndRestoreNeedsForceAndConfirmation() throws Exception {
        String p = data.prefix();
        Path file = home.resolve("r.rwshbak");
        Rwsh.Run save = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", TestServices.etcd(), "-c", "backup save " + file + " --prefix " + p + "cf/");
        assertEquals(0, save.exit(), save.toString());
        Rwsh.Run again = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", TestServices.etcd(), "-c", "backup save " + file + " --prefix " + p);
        assertEquals(1, again.exit(), again.toString());
        assertTrue(again.err().contains("already exists"), again.err());

        Rwsh.Run ok = Rwsh.run(home, null, "--no-rc", "-c", "backup verify " + file);
        assertEquals(0, ok.exit(), ok.toString());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Path damaged = home.resolve("damaged.rwshbak");
        Files.write(damaged, bytes);
        Rwsh.Run bad = Rwsh.run(home, null, "--no-rc", "-c", "backup verify " + damaged + " --format json");
        assertEquals(3, bad.exit(), bad.toString());
        JsonNode verdict = JSON.readTree(bad.out());
        assertFalse(verdict.get("ok").asBoolean());
        assertTrue(verdict.get("problem").asText().matches(".*block \\d+ at byte \\d+.*"), bad.out());

        try (EtcdServer target = EtcdServer.start()) {
            Rwsh.Run first = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", target.endpoint(), "-c", "backup restore " + file, "-c", "count");
            assertEquals(0, first.exit(), first.toString());
            assertTrue(first.out().contains("│ 603 "), first.out());
            Rwsh.Run second = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", target.endpoint(), "-c", "backup restore " + file);
            assertEquals(1, second.exit(), second.toString());
            assertTrue(second.err().contains("already has 603 keys under " + p + "cf/"), second.err());
            Rwsh.Run unconfirmed = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", target.endpoint(), "-c", "backup restore " + file + " --force");
            assertEquals(2, unconfirmed.exit(), unconfirmed.toString());
            assertTrue(unconfirmed.err().contains("backup restore needs confirmation: add --yes"), unconfirmed.err());
            Rwsh.Run forced = Rwsh.run(home, null, "--no-rc", "--yes", "--etcd-endpoints", target.endpoint(), "-c", "backup restore " + file + " --force --format json");
            assertEquals(0, forced.exit(), forced.toString());
            assertEquals(603, JSON.readTree(forced.out()).get("keys_written").asInt());
        }
        Rwsh.Run fromBackup = Rwsh.run(home, null, "--no-rc", "--etcd-backup", file.toString(), "-c", "backup restore " + file);
        assertEquals(1, fromBackup.exit(), fromBackup.toString());
        assertTrue(fromBackup.err().contains("which is read-only"), fromBackup.err());
    }

    @Test
    void theInteractiveShellAsksBeforeAForcedRestoreAndNoChangesNothing() throws Exception {
        String p = data.prefix();
        Path file = home.resolve("i.rwshbak");
        Rwsh.Run save = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", TestServices.etcd(), "-c", "backup save " + file + " --prefix " + p + "bin/");
        assertEquals(0, save.exit(), save.toString());
        try (EtcdServer target = EtcdServer.start()) {
            Rwsh.Run first = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", target.endpoint(), "-c", "backup restore " + file);
            assertEquals(0, first.exit(), first.toString());
            String command = "cd " + home + " && HOME=" + home + " " + Rwsh.repo().resolve("scripts/rwsh") + " --no-rc --etcd-endpoints "
                    + target.endpoint();
            try (Tmux tmux = new Tmux(command)) {
                tmux.waitFor("rwsh[etcd]>", 90);
                tmux.type("backup restore " + file + " --force");
                tmux.send("Enter");
                tmux.waitFor("Type 'yes' to go on:", 30);
                tmux.type("no");
                tmux.send("Enter");
                tmux.waitFor("backup restore cancelled: nothing was changed", 10);
                tmux.type("backup restore " + file + " --force");
                tmux.send("Enter");
                tmux.waitFor("Type 'yes' to go on:", 30);
                tmux.type("yes");
                tmux.send("Enter");
                String screen = tmux.waitFor("│ written", 30);
                assertTrue(screen.contains("has 1 keys in prefix " + p + "bin/"), screen);
                tmux.type("connect etcd --backup " + file);
                tmux.send("Enter");
                tmux.waitFor("rwsh[backup]>", 10);
            }
        }
    }
}
