package dev.rwsh.commands.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.backup.BackupVerifyCommand;
import dev.rwsh.commands.backupfile.BackupFile;
import dev.rwsh.commands.backupfile.BackupProgress;
import dev.rwsh.commands.inspect.MetaFamiliesCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleBackupTest {

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot(@TempDir Path dir) throws Exception {
        SampleBackupCommand.run(dir.resolve("a"), 7, 0, false);
        SampleBackupCommand.run(dir.resolve("b"), 7, 0, false);
        SampleBackupCommand.run(dir.resolve("c"), 8, 0, false);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a")), Files.readAllBytes(dir.resolve("b")));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a")), Files.readAllBytes(dir.resolve("c"))));
    }

    @Test
    void theSampleVerifiesAndEveryValueDecodes(@TempDir Path dir) {
        Path file = dir.resolve("sample.rwshbak");
        SampleBackupCommand.SampleResult sample = SampleBackupCommand.run(file, 1, 0, false);
        assertTrue(BackupVerifyCommand.run(file, BackupProgress.NONE).ok());
        try (BackupFile backup = BackupFile.open(file, true)) {
            MetaFamiliesCommand.FamiliesResult families = MetaFamiliesCommand.run(backup.keyspace(), true);
            assertEquals(sample.keys(), families.totalKeys());
            assertTrue(families.unknown().isEmpty(), "unknown prefixes: " + families.unknown());
            for (MetaFamiliesCommand.FamilyRow row : families.families()) {
                assertTrue(row.errors() == null || row.errors() == 0, row.family() + " has undecodable values");
            }
            assertTrue(families.families().stream().anyMatch(r -> r.family().contains("table_fragments") && r.keys() > 0));
        }
    }
}
