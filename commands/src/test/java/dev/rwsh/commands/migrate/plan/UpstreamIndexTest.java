package dev.rwsh.commands.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rwsh.commands.migrate.write.UpstreamActors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UpstreamIndexTest {
    private static int[] read(UpstreamActors u) {
        int[] d = u.data();
        int at = u.offset() + 1;
        for (int m = 0; m < d[u.offset()]; m++) {
            at += 2 + d[at + 1];
        }
        return Arrays.copyOfRange(d, u.offset(), at);
    }

    @Test
    void keepsEachActorsUpstreamsByPosition() {
        UpstreamIndex index = new UpstreamIndex(1000);
        int[] first = {1, 7, 2, 70, 71};
        int[] second = {2, 7, 1, 70, 8, 1, 80};
        index.add(100, first);
        index.add(101, second);
        index.add(102, new int[] {0});
        assertArrayEquals(first, read(index.at(0, 100)));
        assertArrayEquals(second, read(index.at(1, 101)));
        assertArrayEquals(new int[] {0}, read(index.at(2, 102)));
    }

    @Test
    void actorsWithTheSameUpstreamsShareOneCopy() {
        UpstreamIndex index = new UpstreamIndex(1000);
        index.add(1, new int[] {1, 7, 2, 70, 71});
        index.add(2, new int[] {1, 7, 2, 70, 71});
        index.add(3, new int[] {1, 7, 1, 70});
        assertSame(index.at(0, 1).data(), index.at(1, 2).data());
        assertEquals(index.at(0, 1).offset(), index.at(1, 2).offset());
        assertNotEquals(index.at(0, 1).offset(), index.at(2, 3).offset());
    }

    @Test
    void anotherActorAtThePositionOrAPositionNotKeptIsNotAnswered() {
        UpstreamIndex index = new UpstreamIndex(1000);
        index.add(5, new int[] {0});
        assertNull(index.at(0, 6));
        assertNull(index.at(1, 5));
        assertNull(index.at(-1, 5));
    }

    @Test
    void stopsKeepingAtItsLimitAndKeepsWhatItHas() {
        UpstreamIndex index = new UpstreamIndex(20);
        index.add(1, new int[] {1, 7, 2, 70, 71});
        index.add(2, new int[] {1, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        index.add(3, new int[] {0});
        assertArrayEquals(new int[] {1, 7, 2, 70, 71}, read(index.at(0, 1)));
        assertNull(index.at(1, 2));
        assertNull(index.at(2, 3), "nothing after the first actor that did not fit, so positions stay aligned");
    }
}
