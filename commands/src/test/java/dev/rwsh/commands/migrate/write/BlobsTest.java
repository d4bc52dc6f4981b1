package dev.rwsh.commands.migrate.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BlobsTest {
    @Test
    void upstreamActorsAreSignedKeysInStringOrder() {
        Map<Integer, List<Integer>> merges = new LinkedHashMap<>();
        merges.put(10, List.of(7));
        merges.put(2, List.of(8));
        merges.put(1, List.of(5, 6));
        merges.put(0x8000_0001, List.of(0xFFFF_FFFF)); // u32 ids above i32::MAX print as v2.0.7's `as i32` casts
        assertEquals("{\"-2147483647\":[-1],\"1\":[5,6],\"10\":[7],\"2\":[8]}", Blobs.actorsByFragment(merges).text());
    }

    @Test
    void upstreamActorsMatchTheGenericJsonOfTheSameMap() {
        Map<Integer, List<Integer>> merges = Map.of(3, List.of(1, 2), 21, List.of(9), 100, List.of());
        TreeMap<String, List<Integer>> generic = new TreeMap<>();
        merges.forEach((k, v) -> generic.put(Integer.toString(k), v));
        assertEquals(Blobs.value(generic).text(), Blobs.actorsByFragment(merges).text());
        assertEquals("{}", Blobs.actorsByFragment(Map.of()).text());
    }
}
