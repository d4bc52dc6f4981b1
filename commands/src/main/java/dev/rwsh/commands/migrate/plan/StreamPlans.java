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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** Merge nodes of an actor's plan: upstream fragment to upstream actors; null when two merges read the same fragment. */
    public static Map<Integer, List<Integer>> merges(ByteString nodes) {
        Map<Integer, List<Integer>> into = new TreeMap<>();
        try {
            return upstreams(MERGES.parseFrom(nodes), into) ? into : null;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an actor's stream plan does not decode: " + e.getMessage(), e);
        }
    }

    static boolean upstreams(MergeTree node, Map<Integer, List<Integer>> into) {
        boolean ok = true;
        if (node.hasMerge()) {
            MergeNode m = node.getMerge();
            if (into.put(m.getUpstreamFragmentId(), m.getUpstreamActorIdList()) != null) {
                ok = false;
            }
        }
        for (MergeTree in : node.getInputList()) {
            ok &= upstreams(in, into);
        }
        return ok;
    }

    /** Whether the union of the merges' upstream actors is the actor's upstream set (compared as sorted distinct ids: this runs per actor). */
    static boolean sameIds(java.util.Collection<List<Integer>> merges, List<Integer> upstream) {
        int n = 0;
        for (List<Integer> ids : merges) {
            n += ids.size();
        }
        int[] union = new int[n];
        int at = 0;
        for (List<Integer> ids : merges) {
            for (Integer id : ids) {
                union[at++] = id;
            }
        }
        int[] up = new int[upstream.size()];
        for (int i = 0; i < up.length; i++) {
            up[i] = upstream.get(i);
        }
        return java.util.Arrays.equals(distinctSorted(union), distinctSorted(up));
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
