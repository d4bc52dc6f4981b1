package dev.rwsh.shell.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void aSwapOfNeighboursIsOneEdit() {
        assertEquals(1, EditDistance.between("stauts", "status"));
        assertEquals(1, EditDistance.between("migrat", "migrate"));
        assertEquals(0, EditDistance.between("keys", "keys"));
        assertEquals(3, EditDistance.between("", "abc"));
    }

    @Test
    void closestOnlyWhenNearEnough() {
        List<String> names = List.of("status", "stacktrace", "keys");
        assertEquals(Optional.of("status"), EditDistance.closest("stauts", names));
        assertEquals(Optional.of("keys"), EditDistance.closest("key", names));
        assertEquals(Optional.empty(), EditDistance.closest("xyzzy", names));
        assertEquals(Optional.empty(), EditDistance.closest("keys", names), "an exact word is no typo");
    }
}
