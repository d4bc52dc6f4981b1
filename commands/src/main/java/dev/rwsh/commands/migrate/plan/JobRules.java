package dev.rwsh.commands.migrate.plan;

import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.plan.PlanProblem.Kind;
import dev.rwsh.proto.meta.TableFragments;
import dev.rwsh.proto.migrate.LiteActor;
import dev.rwsh.proto.migrate.LiteDispatcher;
import dev.rwsh.proto.migrate.LiteFragment;
import dev.rwsh.proto.migrate.LiteTableFragments;
import dev.rwsh.proto.stream_plan.DispatcherType;
import dev.rwsh.proto.stream_plan.StreamNode;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The streaming job rules, in one streamed pass over cf/table_fragments: the fields v2.0.7 needs of
 * each job, fragment, actor and dispatcher, the stream plans' references (through {@link
 * NodeRewriter}), and the maps of fragments, state tables and DML fragments the later rules use.
 * Of the actor level only each actor's upstream actors are kept ({@link UpstreamIndex}).
 */
final class JobRules {
    private final PlanState state;
    /** Downstream fragment ids of dispatchers not known yet when seen, with the first place seen: checked once every fragment is known. */
    private final Map<Integer, PlanObject> dispatcherTargets = new HashMap<>();

    JobRules(PlanState state) {
        this.state = state;
    }

    /** Reads every streaming job once, then checks that every dispatcher's downstream fragment exists. */
    void scan(MetaReader r, PlanProgress progress) {
        scanJobs(r, progress);
        dispatcherTargets.forEach((fragment, where) -> {
            if (!state.fragmentIds.contains(fragment)) {
                state.error(Kind.DANGLING_REFERENCE, where, "dispatches to fragment " + Integer.toUnsignedString(fragment)
                        + ", which does not exist (foreign key actor_dispatcher.dispatcher_id fails)");
            }
        });
        dispatcherTargets.clear();
    }

    private void scanJobs(MetaReader r, PlanProgress progress) {
        long[] seen = {0};
        r.scan(ColumnFamily.TABLE_FRAGMENTS, StreamPlans.LITE_JOB, e -> {
            if (!e.ok()) {
                state.error(Kind.MALFORMED_VALUE, PlanObject.key("cf/table_fragments", e.key()), e.error());
                return true;
            }
            LiteTableFragments tf = (LiteTableFragments) e.message();
            checkJob(tf);
            progress.progress("read and validate", ++seen[0]);
            return true;
        });
    }

    private void checkJob(LiteTableFragments tf) {
        int job = tf.getTableId();
        PlanObject w = PlanObject.labelled(PlanObject.Kind.STREAMING_JOB, null, job, "streaming job " + Integer.toUnsignedString(job));
        state.jobIds.add(job);
        switch (tf.getState()) {
            case INITIAL, CREATING, CREATED -> state.jobStates.put(job, tf.getState().name());
            default -> state.error(Kind.INCOMPLETE_OBJECT, w, "state unspecified (v2.0.7 panics)");
        }
        if (!tf.hasCtx()) {
            state.error(Kind.INCOMPLETE_OBJECT, w, "no stream context (v2.0.7 panics)");
        }
        if (tf.hasParallelism() && tf.getParallelism().getParallelismCase() == dev.rwsh.proto.meta.TableParallelism.ParallelismCase.PARALLELISM_NOT_SET) {
            state.error(Kind.INCOMPLETE_OBJECT, w, "parallelism set but empty (v2.0.7 panics)");
        }
        if (!state.relationIds.contains(job)) {
            state.error(Kind.DANGLING_REFERENCE, w, "no catalog object has this id (v2.0.7 fails the foreign key streaming_job.job_id)");
        }
        for (Integer fid : new TreeSet<>(tf.getFragmentsMap().keySet())) {
            LiteFragment f = tf.getFragmentsMap().get(fid);
            PlanObject fw = w.at(w.label() + " fragment " + Integer.toUnsignedString(fid));
            state.fragments++;
            state.fragmentIds.add(f.getFragmentId());
            state.jobOfFragment.put(f.getFragmentId(), job);
            for (int i = 0; i < f.getStateTableIdsCount(); i++) {
                state.fragmentOfStateTable.put(f.getStateTableIds(i), f.getFragmentId());
            }
            if ((f.getFragmentTypeMask() & StreamPlans.DML_FLAG) != 0) {
                state.dmlFragmentOfJob.put(job, f.getFragmentId());
            }
            if (f.getDistributionType() != TableFragments.Fragment.FragmentDistributionType.SINGLE
                    && f.getDistributionType() != TableFragments.Fragment.FragmentDistributionType.HASH) {
                state.error(Kind.INCOMPLETE_OBJECT, fw, "distribution type unspecified (v2.0.7 panics)");
            }
            if (f.getActorsCount() == 0) {
                state.error(Kind.INCOMPLETE_OBJECT, fw, "no actors (v2.0.7 panics)");
                continue;
            }
            LiteActor first = f.getActors(0);
            StreamNode firstPlan = first.hasNodes() ? StreamPlans.plan(first) : null;
            if (firstPlan == null) {
                state.error(Kind.INCOMPLETE_OBJECT, fw, "first actor has no stream plan, or it does not decode (v2.0.7 panics)");
            } else {
                new NodeRewriter(state, fw).rewrite(firstPlan);
            }
            for (LiteActor a : f.getActorsList()) {
                state.actors++;
                PlanObject aw = fw.at(fw.label() + " actor " + Integer.toUnsignedString(a.getActorId()));
                TableFragments.ActorStatus st = tf.getActorStatusMap().get(a.getActorId());
                if (st == null) {
                    state.error(Kind.INCONSISTENT_STREAM_JOB, aw, "no actor status (v2.0.7 panics)");
                } else {
                    if (!st.hasLocation()) {
                        state.error(Kind.INCOMPLETE_OBJECT, aw, "actor status without location (v2.0.7 panics)");
                    }
                    if (st.getState() != TableFragments.ActorStatus.ActorState.INACTIVE && st.getState() != TableFragments.ActorStatus.ActorState.RUNNING) {
                        state.error(Kind.INCOMPLETE_OBJECT, aw, "actor state unspecified (v2.0.7 panics)");
                    }
                }
                if (!a.hasExprContext()) {
                    state.error(Kind.INCOMPLETE_OBJECT, aw, "no expr context (v2.0.7 panics)");
                }
                if (!a.hasNodes()) {
                    state.error(Kind.INCOMPLETE_OBJECT, aw, "no stream plan (v2.0.7 panics)");
                } else {
                    int[] merges;
                    try {
                        merges = StreamPlans.merges(a.getNodes());
                    } catch (IllegalStateException e) {
                        state.error(Kind.MALFORMED_VALUE, aw, e.getMessage());
                        continue;
                    }
                    if (merges == null) {
                        state.error(Kind.INCONSISTENT_STREAM_JOB, aw, "two merge nodes read the same upstream fragment (v2.0.7 panics)");
                        continue;
                    }
                    if (!StreamPlans.sameIds(merges, a)) {
                        state.error(Kind.INCONSISTENT_STREAM_JOB, aw, "upstream actors differ from its merge nodes' (v2.0.7 panics)");
                    }
                    state.upstreams.add(a.getActorId(), merges);
                }
                for (LiteDispatcher d : a.getDispatcherList()) {
                    state.dispatchers++;
                    if ((d.getDispatcherId() >>> 31) != 0) {
                        state.warning(Kind.ID_WRAPS, aw, "dispatcher id " + Long.toUnsignedString(d.getDispatcherId()) + " wraps to " + (int) d.getDispatcherId()
                                + " (u64 -> i32, as v2.0.7 writes it)");
                    }
                    if (!state.fragmentIds.contains((int) d.getDispatcherId())) {
                        dispatcherTargets.putIfAbsent((int) d.getDispatcherId(), aw);
                    }
                    if (d.hasHashMapping() && !StreamPlans.wellFormed(d.getHashMapping())) {
                        state.error(Kind.MALFORMED_VALUE, aw, "a dispatcher's hash mapping does not decode");
                    }
                    if (d.getType() == DispatcherType.DISPATCHER_TYPE_UNSPECIFIED || d.getType() == DispatcherType.UNRECOGNIZED) {
                        state.error(Kind.INCOMPLETE_OBJECT, aw, "dispatcher type unspecified (v2.0.7 panics)");
                    }
                }
            }
        }
    }
}
