package dev.rwsh.commands.migrate.plan;

import dev.rwsh.commands.migrate.write.UpstreamActors;
import java.util.Arrays;

/**
 * Every actor's upstream actors as the validating pass decoded them from its stream plan, in etcd
 * order, so that the writing pass does not decode each actor's plan a second time. Compact (primitive
 * arrays; an actor whose upstreams equal the previous actor's shares its copy, as a hash exchange's
 * actors do) and bounded: past its limit of ints it keeps no more, and the writing pass decodes the
 * rest itself.
 */
final class UpstreamIndex {
    /** 8 Mi ints (32 MiB, a 16th of the 512 MiB heap migrate is measured in). */
    static final int MAX_INTS = 8 << 20;
    private final int maxInts;
    private int[] actorIds = new int[1024];
    private int[] offsets = new int[1024];
    private int actors;
    private int[] data = new int[4096];
    private int used;
    private int lastOffset = -1;
    private int lastLength;
    private boolean full;

    UpstreamIndex(int maxInts) {
        this.maxInts = maxInts;
    }

    /** Keeps the next actor's upstreams (flat, as {@link StreamPlans#merges}), unless the index is full. */
    void add(int actorId, int[] flat) {
        if (full) {
            return;
        }
        boolean same = lastOffset >= 0 && lastLength == flat.length && Arrays.equals(data, lastOffset, lastOffset + lastLength, flat, 0, flat.length);
        // The limit counts the two ints each actor takes (its id and offset) as well as the copies.
        if ((long) used + (same ? 0 : flat.length) + 2L * (actors + 1) > maxInts) {
            full = true;
            return;
        }
        if (!same) {
            if (used + flat.length > data.length) {
                data = Arrays.copyOf(data, Math.min(maxInts, Math.max(data.length * 2, used + flat.length)));
            }
            System.arraycopy(flat, 0, data, used, flat.length);
            lastOffset = used;
            lastLength = flat.length;
            used += flat.length;
        }
        if (actors == actorIds.length) {
            actorIds = Arrays.copyOf(actorIds, actors * 2);
            offsets = Arrays.copyOf(offsets, actors * 2);
        }
        actorIds[actors] = actorId;
        offsets[actors] = lastOffset;
        actors++;
    }

    /** The upstreams of the actor at this position of etcd order, or null when not kept (or another actor is there). */
    UpstreamActors at(int position, int actorId) {
        if (position < 0 || position >= actors || actorIds[position] != actorId) {
            return null;
        }
        return new UpstreamActors(data, offsets[position]);
    }
}
