package dev.rwsh.generator;

import com.google.protobuf.ByteString;
import dev.rwsh.proto.common.ActorLocation;
import dev.rwsh.proto.common.Buffer;
import dev.rwsh.proto.meta.TableFragments;
import dev.rwsh.proto.meta.TableFragments.ActorStatus;
import dev.rwsh.proto.meta.TableFragments.Fragment.FragmentDistributionType;
import dev.rwsh.proto.meta.TableParallelism;
import dev.rwsh.proto.plan_common.ExprContext;
import dev.rwsh.proto.source.ConnectorSplits;
import dev.rwsh.proto.stream_plan.ActorMapping;
import dev.rwsh.proto.stream_plan.Dispatcher;
import dev.rwsh.proto.stream_plan.DispatcherType;
import dev.rwsh.proto.stream_plan.MergeNode;
import dev.rwsh.proto.stream_plan.StreamActor;
import dev.rwsh.proto.stream_plan.StreamContext;
import dev.rwsh.proto.stream_plan.StreamNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One streaming job's fragments and actors, wired as RisingWave's meta node wires them: hash
 * fragments split the 256 vnodes evenly over their actors, every actor carries its fragment's plan
 * with its own upstream actors in the merge nodes, and each upstream actor holds one dispatcher per
 * downstream fragment (also across jobs: an upstream job's actors dispatch to the new job).
 */
final class StreamJobBuilder {
    static final int VNODES = 256;

    /** One fragment; {@code plan} has merge nodes that name upstream fragments only. */
    static final class Frag {
        final int id;
        final int typeMask;
        final boolean single;
        final List<Integer> actors = new ArrayList<>();
        final List<Integer> workers = new ArrayList<>();
        final StreamNode plan;
        final List<Integer> stateTables;
        final List<Link> incoming = new ArrayList<>();
        final Map<Integer, List<Dispatcher>> dispatchers = new HashMap<>();

        Frag(int id, int typeMask, boolean single, StreamNode plan, List<Integer> stateTables) {
            this.id = id;
            this.typeMask = typeMask;
            this.single = single;
            this.plan = plan;
            this.stateTables = stateTables;
        }
    }

    record Link(Frag up, DispatcherType type) {
    }

    /** The connector splits of the k-th actor of a fragment, or null for none. */
    @FunctionalInterface
    interface Splits {
        ConnectorSplits of(int fragmentId, int actorIndex);
    }

    final int jobId;
    private final String definition;
    private final List<Frag> fragments = new ArrayList<>();

    StreamJobBuilder(int jobId, String definition) {
        this.jobId = jobId;
        this.definition = definition;
    }

    List<Frag> fragments() {
        return fragments;
    }

    /** Adds a fragment with actors placed round-robin over {@code workers} (one actor for a singleton). */
    Frag fragment(int id, int typeMask, boolean single, int parallelism, int firstActor, List<Integer> workers, int workerOffset,
            StreamNode plan, List<Integer> stateTables) {
        Frag f = new Frag(id, typeMask, single, plan, stateTables);
        int n = single ? 1 : parallelism;
        for (int k = 0; k < n; k++) {
            f.actors.add(firstActor + k);
            f.workers.add(workers.get((workerOffset + k) % workers.size()));
        }
        fragments.add(f);
        return f;
    }

    /** Connects {@code up} (of this or another job) to {@code down}: dispatchers on up's actors, merge inputs on down's. */
    static void link(Frag up, Frag down, DispatcherType type, List<Integer> distKey, int outputColumns) {
        if (type == DispatcherType.DISPATCHER_TYPE_NO_SHUFFLE && up.actors.size() != down.actors.size()) {
            throw new IllegalArgumentException("no-shuffle needs equal parallelism");
        }
        down.incoming.add(new Link(up, type));
        ActorMapping mapping = type == DispatcherType.DISPATCHER_TYPE_HASH ? uniformMapping(down.actors) : null;
        for (int j = 0; j < up.actors.size(); j++) {
            Dispatcher.Builder d = Dispatcher.newBuilder().setType(type).setDispatcherId(down.id);
            for (int c = 0; c < outputColumns; c++) {
                d.addOutputIndices(c);
            }
            switch (type) {
                case DISPATCHER_TYPE_HASH -> d.addAllDistKeyIndices(distKey).setHashMapping(mapping).addAllDownstreamActorId(down.actors);
                case DISPATCHER_TYPE_NO_SHUFFLE -> d.addDownstreamActorId(down.actors.get(j));
                default -> d.addAllDownstreamActorId(down.actors);
            }
            up.dispatchers.computeIfAbsent(up.actors.get(j), a -> new ArrayList<>()).add(d.build());
        }
    }

    /** The vnode-to-actor mapping RisingWave builds for a new hash fragment: equal runs, the first ones one longer. */
    static ActorMapping uniformMapping(List<Integer> actors) {
        ActorMapping.Builder m = ActorMapping.newBuilder();
        int base = VNODES / actors.size();
        int extra = VNODES % actors.size();
        int bound = 0;
        for (int i = 0; i < actors.size(); i++) {
            bound += base + (i < extra ? 1 : 0);
            m.addOriginalIndices(bound - 1);
            m.addData(actors.get(i));
        }
        return m.build();
    }

    /** The vnode bitmap of the i-th of n actors, as RisingWave stores it: bit-count remainder byte, then bits LSB first. */
    static Buffer vnodeBitmap(int i, int n) {
        int base = VNODES / n;
        int extra = VNODES % n;
        int start = i * base + Math.min(i, extra);
        int end = start + base + (i < extra ? 1 : 0);
        byte[] body = new byte[1 + VNODES / 8];
        body[0] = (byte) (VNODES % 8);
        for (int v = start; v < end; v++) {
            body[1 + v / 8] |= (byte) (1 << (v % 8));
        }
        return Buffer.newBuilder().setCompression(Buffer.CompressionType.NONE).setBody(ByteString.copyFrom(body)).build();
    }

    TableFragments build(TableFragments.State state, TableParallelism parallelism, Splits splits, String timezone,
            ActorStatus.ActorState actorState) {
        TableFragments.Builder tf = TableFragments.newBuilder().setTableId(jobId).setState(state)
                .setCtx(StreamContext.newBuilder().setTimezone(timezone)).setParallelism(parallelism)
                .setNodeLabel("").setBackfillDone(true);
        for (Frag f : fragments) {
            TableFragments.Fragment.Builder fb = TableFragments.Fragment.newBuilder().setFragmentId(f.id).setFragmentTypeMask(f.typeMask)
                    .setDistributionType(f.single ? FragmentDistributionType.SINGLE : FragmentDistributionType.HASH)
                    .addAllStateTableIds(f.stateTables);
            for (Link l : f.incoming) {
                fb.addUpstreamFragmentIds(l.up().id);
            }
            for (int k = 0; k < f.actors.size(); k++) {
                int actor = f.actors.get(k);
                Map<Integer, List<Integer>> upstream = new LinkedHashMap<>();
                for (Link l : f.incoming) {
                    upstream.put(l.up().id, l.type() == DispatcherType.DISPATCHER_TYPE_NO_SHUFFLE ? List.of(l.up().actors.get(k)) : l.up().actors);
                }
                StreamActor.Builder a = StreamActor.newBuilder().setActorId(actor).setFragmentId(f.id)
                        .setNodes(withUpstreams(f.plan, upstream))
                        .addAllDispatcher(f.dispatchers.getOrDefault(actor, List.of()))
                        .setMviewDefinition(definition)
                        .setExprContext(ExprContext.newBuilder().setTimeZone(timezone));
                upstream.values().forEach(a::addAllUpstreamActorId);
                if (!f.single) {
                    a.setVnodeBitmap(vnodeBitmap(k, f.actors.size()));
                }
                fb.addActors(a);
                tf.putActorStatus(actor, ActorStatus.newBuilder()
                        .setLocation(ActorLocation.newBuilder().setWorkerNodeId(f.workers.get(k))).setState(actorState).build());
                ConnectorSplits actorSplits = splits == null ? null : splits.of(f.id, k);
                if (actorSplits != null) {
                    tf.putActorSplits(actor, actorSplits);
                }
            }
            tf.putFragments(f.id, fb.build());
        }
        return tf.build();
    }

    /** The plan with every merge node's upstream actor ids filled in for one actor. */
    private static StreamNode withUpstreams(StreamNode node, Map<Integer, List<Integer>> upstream) {
        StreamNode.Builder b = node.toBuilder();
        if (node.hasMerge()) {
            MergeNode m = node.getMerge();
            b.setMerge(m.toBuilder().clearUpstreamActorId().addAllUpstreamActorId(upstream.getOrDefault(m.getUpstreamFragmentId(), List.of())));
        }
        b.clearInput();
        for (StreamNode in : node.getInputList()) {
            b.addInput(withUpstreams(in, upstream));
        }
        return b.build();
    }

    int actorCount() {
        return fragments.stream().mapToInt(f -> f.actors.size()).sum();
    }
}
