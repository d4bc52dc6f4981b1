package dev.rwsh.commands.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.write.UpstreamActors;
import dev.rwsh.commands.testsupport.MemoryKeyspace;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.proto.migrate.LiteActor;
import dev.rwsh.proto.migrate.LiteTableFragments;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
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

    @Test
    void theLimitCountsEachActorEvenWhenItSharesACopy() {
        UpstreamIndex index = new UpstreamIndex(12);
        for (int actor = 0; actor < 10; actor++) {
            index.add(actor, new int[] {1, 7, 1, 70});
        }
        assertNotNull(index.at(3, 3), "4 ints of the copy + 2 per actor: 4 actors fit in 12");
        assertNull(index.at(4, 4));
    }

    @Test
    void theValidatingPassKeepsEveryActorInTheOrderTheWriterReadsThem() {
        MemoryKeyspace keyspace = new MemoryKeyspace();
        ClusterGenerator.generate(ClusterGenerator.Options.small(1), keyspace);
        MetaReader reader = new MetaReader(keyspace);
        MigrationPlan plan = MigrationPlan.build(reader, PlanProgress.NONE);
        int[] position = {0};
        Set<Integer> copies = new HashSet<>();
        // The writer's order (StreamingJobSteps.writeActors): jobs in etcd order, fragments by id, actors as listed.
        reader.scan(ColumnFamily.TABLE_FRAGMENTS, StreamPlans.LITE_JOB, e -> {
            LiteTableFragments tf = (LiteTableFragments) e.message();
            for (Integer fid : new TreeSet<>(tf.getFragmentsMap().keySet())) {
                for (LiteActor a : tf.getFragmentsMap().get(fid).getActorsList()) {
                    UpstreamActors kept = plan.state().upstreams.at(position[0], a.getActorId());
                    assertNotNull(kept, "actor " + a.getActorId() + " at " + position[0] + " not kept: the writer would decode its plan again");
                    assertArrayEquals(StreamPlans.merges(a.getNodes()), read(kept));
                    assertSame(kept.data(), plan.upstreams(position[0], a).data());
                    copies.add(kept.offset());
                    position[0]++;
                }
            }
            return true;
        });
        assertEquals(plan.state().actors, position[0]);
        assertTrue(copies.size() < position[0], "actors of a hash exchange share one copy: " + copies.size() + " copies for " + position[0] + " actors");
    }
}
