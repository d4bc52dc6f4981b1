package dev.rwsh.shell.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.backupfile.BackupFile;
import dev.rwsh.commands.etcd.Keyspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key completion against the bundled sample backup (a real keyspace). */
class KeyCompletionTest {
    private static BackupFile backup;
    private static Keyspace keyspace;

    @BeforeAll
    static void open() {
        backup = BackupFile.open(Path.of(System.getProperty("rwsh.repo", "..")).resolve("scripts/sample/rw-v2.0.7-sample.rwshbak"), false);
        keyspace = backup.keyspace();
    }

    @AfterAll
    static void close() {
        backup.close();
    }

    @Test
    void aPrefixCompletesToTheNextSlash() {
        assertEquals(Set.of("cf/catalog_table/"), KeyCompletion.complete(keyspace, "cf/catalog_ta"));
        Set<String> families = KeyCompletion.complete(keyspace, "cf/catalog_");
        assertTrue(families.containsAll(List.of("cf/catalog_table/", "cf/catalog_view/", "cf/catalog_database/")), families.toString());
    }

    @Test
    void keysAreOfferedAsKeysPrintsThem() {
        Set<String> keys = KeyCompletion.complete(keyspace, "cf/catalog_table/\\x08\\x0");
        assertTrue(keys.containsAll(List.of("cf/catalog_table/\\x08\\x01", "cf/catalog_table/\\x08\\x04")), keys.toString());
        assertTrue(keys.stream().allMatch(k -> k.startsWith("cf/catalog_table/\\x08\\x0")), keys.toString());
    }

    @Test
    void theWholeKeyspaceIsReadOnlyUpToTheBound() {
        Set<String> top = KeyCompletion.complete(keyspace, "");
        assertTrue(top.contains("cf/") && top.size() <= KeyCompletion.MAX_OFFERS, top.toString());
        assertEquals(Set.of(), KeyCompletion.complete(keyspace, "no/such/prefix"));
    }
}
