package dev.rwsh.commands.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rwsh.commands.backup.BackupListCommand.Entry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** backup list and backup prune --keep see backups newest first, by the instant each was taken. */
class BackupListOrderTest {

    static Entry backup(String file, long revision, String takenAt) {
        return new Entry(file, "cluster", revision, takenAt, 100, 10, takenAt != null, takenAt != null ? null : "unreadable", null);
    }

    static List<String> sorted(Entry... entries) {
        List<Entry> list = new ArrayList<>(List.of(entries));
        list.sort(BackupListCommand.NEWEST_FIRST);
        return list.stream().map(Entry::file).toList();
    }

    @Test
    void aTimeOnAWholeSecondIsOlderThanOneLaterInThatSecond() {
        // Instant.toString writes no fraction for a whole second: as text "…:30Z" sorts after "…:30.079Z"
        assertEquals(List.of("later", "whole-second"),
                sorted(backup("whole-second", 5, "2026-12-04T15:43:30Z"), backup("later", 7, "2026-12-04T15:43:30.079Z")));
        assertEquals(List.of("later", "whole-second"),
                sorted(backup("later", 7, "2026-12-04T15:43:30.079Z"), backup("whole-second", 5, "2026-12-04T15:43:30Z")));
    }

    @Test
    void theSameInstantGoesByRevisionThenUnreadableBackupsGoLast() {
        assertEquals(List.of("rev9", "rev8", "older", "not-a-time", "damaged"),
                sorted(backup("damaged", 0, null), backup("older", 9, "2026-12-04T15:43:29.999Z"), backup("rev8", 8, "2026-12-04T15:43:30.100Z"),
                        backup("not-a-time", 3, "yesterday"), backup("rev9", 9, "2026-12-04T15:43:30.100Z")));
    }
}
