package dev.rwsh.generator;

import static dev.rwsh.generator.Columns.Col;

import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.proto.meta.TableFragments;
import dev.rwsh.proto.meta.TableParallelism;
import dev.rwsh.proto.stream_plan.FragmentTypeFlag;
import dev.rwsh.proto.stream_plan.MergeNode;
import dev.rwsh.proto.stream_plan.StreamNode;
import java.util.List;
import java.util.function.Consumer;

/** Streaming jobs: their fragments written once complete, and the stream nodes and flags they share. */
abstract class StreamJobs extends HummockState {
    StreamJobs(ClusterGenerator.Options options, KeyValueSink sink) {
        super(options, sink);
    }

    void pending(StreamJobBuilder job, TableFragments.State state, TableParallelism parallelism, StreamJobBuilder.Splits splits) {
        pendingJobs.add(new Pending(job, state, parallelism, splits));
    }

    /** Writes the jobs created so far (their dispatchers are complete once no later job reads from them). */
    void flushJobs() {
        for (Pending p : pendingJobs) {
            TableFragments tf = p.job().build(p.state(), p.parallelism(), p.splits(), "UTC", TableFragments.ActorStatus.ActorState.RUNNING);
            putModel(ColumnFamily.TABLE_FRAGMENTS, MetaKeys.encodeId(p.job().jobId), tf);
            jobs++;
            fragments += p.job().fragments().size();
            actors += p.job().actorCount();
        }
        pendingJobs.clear();
    }

    StreamNode node(String identity, List<Col> cols, List<Integer> streamKey, boolean appendOnly, Consumer<StreamNode.Builder> body,
            StreamNode... inputs) {
        StreamNode.Builder b = StreamNode.newBuilder().setOperatorId(operatorIds++).setIdentity(identity).addAllFields(Columns.fields(cols))
                .setAppendOnly(appendOnly);
        streamKey.forEach(b::addStreamKey);
        body.accept(b);
        for (StreamNode in : inputs) {
            b.addInput(in);
        }
        return b.build();
    }

    StreamNode merge(int upstreamFragment, List<Col> cols, List<Integer> streamKey, boolean appendOnly) {
        return node("StreamMerge { upstream_fragment_id: " + upstreamFragment + " }", cols, streamKey, appendOnly,
                b -> b.setMerge(MergeNode.newBuilder().setUpstreamFragmentId(upstreamFragment)));
    }

    static String names(List<Col> cols) {
        return "[" + String.join(", ", cols.stream().map(Col::name).toList()) + "]";
    }

    static int flags(FragmentTypeFlag... flags) {
        int mask = 0;
        for (FragmentTypeFlag f : flags) {
            mask |= f.getNumber();
        }
        return mask;
    }

    int parallelism() {
        return options.computeNodes() * options.parallelismPerNode();
    }

    static TableParallelism adaptive() {
        return TableParallelism.newBuilder().setAdaptive(TableParallelism.AdaptiveParallelism.getDefaultInstance()).build();
    }
}
