package dev.rwsh.commands.migrate.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BlobsTest {
    @Test
    void upstreamActorsAreSignedKeysInStringOrder() {
        // Flat: 4 merges by ascending signed fragment id; u32 ids above i32::MAX print as v2.0.7's `as i32` casts.
        int[] merges = {4, 0x8000_0001, 1, 0xFFFF_FFFF, 1, 2, 5, 6, 2, 1, 8, 10, 1, 7};
        assertEquals("{\"-2147483647\":[-1],\"1\":[5,6],\"10\":[7],\"2\":[8]}", Blobs.actorsByFragment(UpstreamActors.of(merges)).text());
    }

    @Test
    void upstreamActorsMatchTheGenericJsonOfTheSameMap() {
        Map<Integer, List<Integer>> merges = Map.of(3, List.of(1, 2), 21, List.of(9), 100, List.of());
        TreeMap<String, List<Integer>> generic = new TreeMap<>();
        merges.forEach((k, v) -> generic.put(Integer.toString(k), v));
        int[] flat = {3, 3, 2, 1, 2, 21, 1, 9, 100, 0};
        assertEquals(Blobs.value(generic).text(), Blobs.actorsByFragment(UpstreamActors.of(flat)).text());
        assertEquals("{}", Blobs.actorsByFragment(UpstreamActors.of(new int[] {0})).text());
    }

    @Test
    void upstreamActorsReadFromAnOffsetIntoSharedData() {
        int[] data = {99, 99, 1, 7, 2, 3, 4};
        assertEquals("{\"7\":[3,4]}", Blobs.actorsByFragment(new UpstreamActors(data, 2)).text());
    }

    @Test
    void intArraysOfProtobufAndPlainListsAgree() {
        var unboxed = dev.rwsh.proto.migrate.LiteActor.newBuilder().addUpstreamActorId(3).addUpstreamActorId(0xFFFF_FFFF).build().getUpstreamActorIdList();
        assertEquals("[3,-1]", Blobs.ints(unboxed).text());
        assertEquals("[3,-1]", Blobs.ints(List.of(3, -1)).text());
        assertEquals("[]", Blobs.ints(List.of()).text());
    }
}
