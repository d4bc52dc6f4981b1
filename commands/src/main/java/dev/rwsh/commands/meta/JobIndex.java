package dev.rwsh.commands.meta;

import dev.rwsh.proto.summary.FragmentSummary;
import dev.rwsh.proto.summary.JobSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What the listing commands need to know of every streaming job, gathered in one streamed pass over
 * cf/table_fragments with the plans skipped: per job its state, parallelism and counts, and which
 * job each state table belongs to. Memory grows with the number of jobs and state tables, not with
 * actors or plan sizes.
 */
public final class JobIndex {
    /** One job, summarized. {@code workers} is the number of distinct workers its actors run on. */
    public record Job(long id, String state, String parallelism, int fragments, int actors, int workers, List<Integer> stateTables,
            int typeMask) {
    }

    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private final Map<Long, Long> jobOfStateTable = new HashMap<>();
    private final List<MetaEntry> problems = new ArrayList<>();

    private JobIndex() {
    }

    /** Reads every job; {@code each} (may be null) also sees each summary as it streams by. */
    public static JobIndex load(MetaReader reader, Consumer<JobSummary> each) {
        JobIndex index = new JobIndex();
        reader.scan(ColumnFamily.TABLE_FRAGMENTS, MetaReader.JOB_SUMMARY, e -> {
            if (!e.ok()) {
                index.problems.add(e);
                return true;
            }
            if (e.warning() != null) {
                index.problems.add(e);
            }
            JobSummary s = (JobSummary) e.message();
            if (Integer.toUnsignedLong(s.getTableId()) != e.id()) {
                index.problems.add(new MetaEntry(e.family(), e.etcdKey(), e.key(), e.id(), e.storedBytes(), e.compressed(), e.message(), null,
                        null, null, "the key says job " + e.key() + ", the value says " + Integer.toUnsignedString(s.getTableId())
                                + " (RisingWave reads the id from the value)", e.modRevision(), e.lease()));
            }
            Job job = summarize(e.id(), s);
            index.jobs.put(job.id(), job);
            for (int t : job.stateTables()) {
                index.jobOfStateTable.put(Integer.toUnsignedLong(t), job.id());
            }
            if (each != null) {
                each.accept(s);
            }
            return true;
        });
        return index;
    }

    /** A job's summary; the id is the key's (RisingWave reads table_id from the value, which the decoder checks against it). */
    public static Job summarize(long id, JobSummary s) {
        int actors = 0;
        int mask = 0;
        TreeSet<Integer> stateTables = new TreeSet<>();
        for (FragmentSummary f : s.getFragmentsMap().values()) {
            actors += f.getActorsCount();
            stateTables.addAll(f.getStateTableIdsList());
            mask |= f.getFragmentTypeMask();
        }
        TreeSet<Integer> workers = new TreeSet<>();
        s.getActorStatusMap().values().forEach(a -> workers.add(a.getLocation().getWorkerNodeId()));
        return new Job(id, state(s.getState()), parallelism(s), s.getFragmentsCount(), actors, workers.size(), List.copyOf(stateTables), mask);
    }

    public static String state(dev.rwsh.proto.meta.TableFragments.State state) {
        return switch (state) {
            case INITIAL -> "initial";
            case CREATING -> "creating";
            case CREATED -> "created";
            case UNSPECIFIED -> "unspecified";
            default -> "unknown (" + state.getNumber() + ")";
        };
    }

    /** As RisingWave reads it: a missing parallelism counts as custom, auto as adaptive. */
    public static String parallelism(JobSummary s) {
        if (!s.hasParallelism()) {
            return "custom";
        }
        var p = s.getParallelism();
        return switch (p.getParallelismCase()) {
            case FIXED -> "fixed(" + p.getFixed().getParallelism() + ")";
            case AUTO, ADAPTIVE -> "adaptive";
            case CUSTOM, PARALLELISM_NOT_SET -> "custom";
        };
    }

    public Map<Long, Job> jobs() {
        return Collections.unmodifiableMap(jobs);
    }

    /** The job whose fragments hold this state table, if any. */
    public Long jobOfStateTable(long tableId) {
        return jobOfStateTable.get(tableId);
    }

    public List<MetaEntry> problems() {
        return Collections.unmodifiableList(problems);
    }
}
