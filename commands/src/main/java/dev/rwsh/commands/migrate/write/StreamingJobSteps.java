package dev.rwsh.commands.migrate.write;

import com.google.protobuf.Message;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.proto.meta.TableFragments;
import dev.rwsh.proto.migrate.LiteActor;
import dev.rwsh.proto.migrate.LiteDispatcher;
import dev.rwsh.proto.migrate.LiteFragment;
import dev.rwsh.proto.migrate.LiteFragmentHead;
import dev.rwsh.proto.migrate.LiteJobHead;
import dev.rwsh.proto.migrate.LiteTableFragments;
import dev.rwsh.proto.source.ConnectorSplits;
import dev.rwsh.proto.stream_plan.ActorMapping;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeSet;

/** The streaming jobs step: jobs, fragments, actors and dispatchers, streamed from the source in two passes. */
final class StreamingJobSteps extends StepGroup {
    StreamingJobSteps(Shared shared) {
        super(shared);
    }

    private static Runnable flushing(RowSink.Rows... upstream) {
        return () -> {
            try {
                for (RowSink.Rows b : upstream) {
                    b.flush();
                }
            } catch (SQLException e) {
                throw new FlushFailure(e);
            }
        };
    }

    /**
     * Step 16. v2.0.7 writes every job, then every fragment, then every actor, then every
     * dispatcher; a dispatcher's dispatcher_id references its downstream fragment, which may belong
     * to a job later in etcd order. So the family is streamed twice: jobs and fragments first,
     * then actors and dispatchers, each pass bounded by one batch per table.
     */
    void streamingJobs(String step) throws SQLException {
        steps.begin(step, plan.jobIds().size() * 2L);
        long[] counts = new long[4];
        bulk(out -> writeStreamingJobs(out, step, counts));
        steps.end(counts[0], counts[0] + counts[1] + counts[2] + counts[3], 0, 0);
    }

    private void writeStreamingJobs(RowSink sink, String step, long[] counts) throws SQLException {
        try (RowSink.Rows jobs = open(sink, TargetTable.STREAMING_JOB, null);
                RowSink.Rows frags = open(sink, TargetTable.FRAGMENT, flushing(jobs))) {
            RowSink.Rows[] all = {jobs, frags};
            scanJobs(step, LITE_HEAD, tf -> writeJobAndFragments((LiteJobHead) tf, all, counts), 0);
            jobs.flush();
            frags.flush();
        } catch (FlushFailure ex) {
            throw ex.error;
        }
        try (RowSink.Rows actors = open(sink, TargetTable.ACTOR, null);
                RowSink.Rows disp = open(sink, TargetTable.ACTOR_DISPATCHER, flushing(actors))) {
            RowSink.Rows[] all = {actors, disp};
            scanJobs(step, LITE_JOB, tf -> writeActors((LiteTableFragments) tf, all, counts), plan.jobIds().size());
            actors.flush();
            disp.flush();
        } catch (FlushFailure ex) {
            throw ex.error;
        }
    }

    interface JobWriter {
        void write(Message tf) throws SQLException;
    }

    /** The first writing pass needs no actor but each fragment's first: the rest stay bytes. */
    private static final com.google.protobuf.Parser<LiteJobHead> LITE_HEAD = LiteJobHead.parser();
    private static final com.google.protobuf.Parser<LiteTableFragments> LITE_JOB = LiteTableFragments.parser();

    private void scanJobs(String step, com.google.protobuf.Parser<? extends Message> parser, JobWriter writer, long base) throws SQLException {
        SQLException[] failure = {null};
        long[] n = {base};
        reader.scan(ColumnFamily.TABLE_FRAGMENTS, parser, e -> {
            try {
                writer.write(e.message());
                steps.progress(step, ++n[0]);
                return true;
            } catch (SQLException ex) {
                failure[0] = ex;
                return false;
            } catch (FlushFailure ex) {
                failure[0] = ex.error;
                return false;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private static final class FlushFailure extends RuntimeException {
        final SQLException error;

        FlushFailure(SQLException error) {
            super(error);
            this.error = error;
        }
    }

    private void writeJobAndFragments(LiteJobHead tf, RowSink.Rows[] b, long[] counts) throws SQLException {
        int job = tf.getTableId();
        Object parallelism;
        if (!tf.hasParallelism()) {
            parallelism = "Custom";
        } else {
            parallelism = switch (tf.getParallelism().getParallelismCase()) {
                case FIXED -> Map.of("Fixed", Integer.toUnsignedLong(tf.getParallelism().getFixed().getParallelism()));
                case AUTO, ADAPTIVE -> "Adaptive";
                default -> "Custom";
            };
        }
        String tz = tf.getCtx().getTimezone();
        b[0].add(job, tf.getState().name(), "FOREGROUND", tz.isEmpty() ? Batch.Null.TEXT : tz, Blobs.value(parallelism));
        counts[0]++;
        for (Integer fid : new TreeSet<>(tf.getFragmentsMap().keySet())) {
            LiteFragmentHead f = tf.getFragmentsMap().get(fid);
            byte[] node = Blobs.message(plan.fragmentNode(firstActor(f)));
            b[1].add(f.getFragmentId(), job, f.getFragmentTypeMask(), f.getDistributionType().name(), node, Blobs.ints(f.getStateTableIdsList()),
                    Blobs.ints(f.getUpstreamFragmentIdsList()));
            counts[1]++;
        }
    }

    /** The last actor's upstreams and their JSON: a hash exchange's actors share one kept copy, so the text is built once for them all. */
    private UpstreamActors lastUpstreams;
    private Batch.Json lastUpstreamJson;

    private Batch.Json upstreamJson(UpstreamActors upstreams) {
        if (lastUpstreams == null || upstreams.data() != lastUpstreams.data() || upstreams.offset() != lastUpstreams.offset()) {
            lastUpstreams = upstreams;
            lastUpstreamJson = Blobs.actorsByFragment(upstreams);
        }
        return lastUpstreamJson;
    }

    private static LiteActor firstActor(LiteFragmentHead f) {
        try {
            return LiteActor.parseFrom(f.getActors(0));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("fragment " + Integer.toUnsignedString(f.getFragmentId()) + ": first actor does not decode", e);
        }
    }

    private static ActorMapping hashMapping(LiteDispatcher x) {
        try {
            return ActorMapping.parseFrom(x.getHashMapping());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("dispatcher " + Long.toUnsignedString(x.getDispatcherId()) + ": hash mapping does not decode", e);
        }
    }

    private void writeActors(LiteTableFragments tf, RowSink.Rows[] b, long[] counts) throws SQLException {
        for (Integer fid : new TreeSet<>(tf.getFragmentsMap().keySet())) {
            LiteFragment f = tf.getFragmentsMap().get(fid);
            for (LiteActor a : f.getActorsList()) {
                TableFragments.ActorStatus st = tf.getActorStatusMap().get(a.getActorId());
                ConnectorSplits splits = tf.getActorSplitsMap().get(a.getActorId());
                UpstreamActors upstreams = plan.upstreams((int) counts[2], a);
                b[0].add(a.getActorId(), a.getFragmentId(), st.getState().name(), splits == null ? Batch.Null.BYTES : Blobs.message(splits),
                        st.getLocation().getWorkerNodeId(), upstreamJson(upstreams), a.hasVnodeBitmap() ? Blobs.message(a.getVnodeBitmap()) : Batch.Null.BYTES,
                        Blobs.message(a.getExprContext()));
                counts[2]++;
                for (LiteDispatcher x : a.getDispatcherList()) {
                    b[1].add(a.getActorId(), x.getType().name().substring("DISPATCHER_TYPE_".length()), Blobs.ints(x.getDistKeyIndicesList()),
                            Blobs.ints(x.getOutputIndicesList()), x.hasHashMapping() ? Blobs.message(hashMapping(x)) : Batch.Null.BYTES,
                            (int) x.getDispatcherId(), Blobs.ints(x.getDownstreamActorIdList()));
                    counts[3]++;
                }
            }
        }
    }
}
