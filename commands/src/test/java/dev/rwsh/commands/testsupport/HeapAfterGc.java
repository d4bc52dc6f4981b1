package dev.rwsh.commands.testsupport;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap a benchmark's measured run keeps alive, as the garbage collector saw it: the heap used
 * right after each collection (garbage that a collection left behind included, so an upper bound of
 * the live set), and after each full collection, which leaves only live objects. The peaks of the
 * pools, which count garbage not yet collected, say only that the run fit its {@code -Xmx}.
 */
public final class HeapAfterGc implements AutoCloseable {
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;
    private long maxAfterAny;
    private long maxAfterFull;
    private int collections;
    private int fullCollections;

    /** Starts listening for collections; {@link #close()} stops. */
    public HeapAfterGc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private synchronized void collected(Notification n, Object handback) {
        if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
        collections++;
        maxAfterAny = Math.max(maxAfterAny, used);
        // G1's and Parallel's full collections ("end of major GC"); G1's young and mixed ones are minor.
        if (info.getGcAction().contains("major")) {
            fullCollections++;
            maxAfterFull = Math.max(maxAfterFull, used);
        }
    }

    /** Most heap in use right after any collection, bytes. */
    public synchronized long maxAfterAny() {
        return maxAfterAny;
    }

    /** Most heap in use right after a full collection (the live set then), bytes; 0 if there was none. */
    public synchronized long maxAfterFull() {
        return maxAfterFull;
    }

    public synchronized int collections() {
        return collections;
    }

    public synchronized int fullCollections() {
        return fullCollections;
    }

    /** "312 / 2 full: 140": MB after any collection / full collections: MB after them (or "0 full"). */
    public synchronized String summary() {
        return String.format("%.0f / %d full%s", maxAfterAny / 1e6, fullCollections, fullCollections == 0 ? "" : String.format(": %.0f", maxAfterFull / 1e6));
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException gone) {
                // already removed
            }
        }
    }
}
