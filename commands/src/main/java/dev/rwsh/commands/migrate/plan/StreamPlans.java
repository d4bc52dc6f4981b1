package dev.rwsh.commands.migrate.plan;

import com.google.protobuf.ByteString;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import dev.rwsh.proto.migrate.LiteActor;
import dev.rwsh.proto.migrate.LiteTableFragments;
import dev.rwsh.proto.migrate.MergeTree;
import dev.rwsh.proto.stream_plan.MergeNode;
import dev.rwsh.proto.stream_plan.StreamNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reading streaming jobs' stream plans: the parsers, an actor's plan, its merge nodes; shared by the plan's job rules and the writer. */
public final class StreamPlans {
    /** The fragment type flag of a DML fragment (FragmentTypeFlag::Dml). */
    static final int DML_FLAG = 128;
    /** cf/table_fragments with each actor's plan left as bytes. */
    public static final Parser<LiteTableFragments> LITE_JOB = LiteTableFragments.parser();
    static final Parser<MergeTree> MERGES = DiscardUnknownFieldsParser.wrap(MergeTree.parser());
    static final Parser<StreamNode> PLAN = StreamNode.parser();

    private StreamPlans() {
    }

    /** The full plan of an actor (the first of its fragment), or null when it does not decode. */
    public static StreamNode plan(LiteActor a) {
        try {
            return PLAN.parseFrom(a.getNodes());
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
    }

    /**
     * Merge nodes of an actor's plan, upstream fragment to upstream actors, as {@link
     * dev.rwsh.commands.migrate.write.UpstreamActors flat ints} in ascending (signed) fragment order; null when two merges read
     * the same fragment.
     */
    public static int[] merges(ByteString nodes) {
        List<MergeNode> found = new ArrayList<>(2);
        try {
            collect(MERGES.parseFrom(nodes), found);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an actor's stream plan does not decode: " + e.getMessage(), e);
        }
        found.sort(Comparator.comparingInt(MergeNode::getUpstreamFragmentId));
        int size = 1;
        for (int i = 0; i < found.size(); i++) {
            if (i > 0 && found.get(i).getUpstreamFragmentId() == found.get(i - 1).getUpstreamFragmentId()) {
                return null;
            }
            size += 2 + found.get(i).getUpstreamActorIdCount();
        }
        int[] flat = new int[size];
        flat[0] = found.size();
        int at = 1;
        for (MergeNode m : found) {
            flat[at++] = m.getUpstreamFragmentId();
            flat[at++] = m.getUpstreamActorIdCount();
            for (int i = 0; i < m.getUpstreamActorIdCount(); i++) {
                flat[at++] = m.getUpstreamActorId(i);
            }
        }
        return flat;
    }

    private static void collect(MergeTree node, List<MergeNode> into) {
        if (node.hasMerge()) {
            into.add(node.getMerge());
        }
        for (int i = 0; i < node.getInputCount(); i++) {
            collect(node.getInput(i), into);
        }
    }

    /** Whether the union of the merges' upstream actors is the actor's upstream set (compared as sorted distinct ids: this runs per actor). */
    static boolean sameIds(int[] merges, LiteActor actor) {
        int[] union = new int[merges.length];
        int n = 0;
        for (int f = 0, at = 1; f < merges[0]; f++) {
            int count = merges[at + 1];
            System.arraycopy(merges, at + 2, union, n, count);
            n += count;
            at += 2 + count;
        }
        int[] up = new int[actor.getUpstreamActorIdCount()];
        for (int i = 0; i < up.length; i++) {
            up[i] = actor.getUpstreamActorId(i);
        }
        return java.util.Arrays.equals(distinctSorted(java.util.Arrays.copyOf(union, n)), distinctSorted(up));
    }

    private static int[] distinctSorted(int[] ids) {
        java.util.Arrays.sort(ids);
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                ids[n++] = ids[i];
            }
        }
        return java.util.Arrays.copyOf(ids, n);
    }

    /** Whether bytes are a well-formed protobuf message (tags and lengths), without building it. */
    static boolean wellFormed(ByteString bytes) {
        try {
            com.google.protobuf.CodedInputStream in = bytes.newCodedInput();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (!in.skipField(tag)) {
                    return false;
                }
            }
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
