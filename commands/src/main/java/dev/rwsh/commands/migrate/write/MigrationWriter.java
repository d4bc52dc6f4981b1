package dev.rwsh.commands.migrate.write;

import com.google.protobuf.Message;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.sql.SqlDialect;
import java.sql.SQLException;
import java.util.List;

/**
 * The second, writing pass: the rows of the plan in RisingWave v2.0.7's order, streaming jobs and
 * hummock deltas streamed again from the same pinned revision and written in batches. Runs on the
 * caller's connection and transaction; never commits.
 */
public final class MigrationWriter {
    private final ClusterSteps cluster;
    private final UserSteps users;
    private final ObjectSteps objects;
    private final StreamingJobSteps jobs;
    private final RelationSteps relations;
    private final HummockSteps hummock;

    /** Records the steps for the summary and tells the listener. */
    public interface StepRecorder {
        void begin(String step, long expected);

        /** Rows done so far in the current step. */
        default void progress(String step, long rowsDone) {
        }

        void end(long read, long written, long skipped, int warnings);
    }

    /** A writer into the target on {@code c}, in batches (COPY on PostgreSQL), pipelined where a step is bulk. */
    public MigrationWriter(WritePlan plan, MetaReader reader, java.sql.Connection c, SqlDialect d, StepRecorder steps) {
        this(plan, reader, c, d, steps, RowSink.jdbc(c, d), true);
    }

    /** A writer whose rows go to {@code sink}; {@code c} is used only by the steps that run statements (seeds, sequences, cluster id). */
    public MigrationWriter(WritePlan plan, MetaReader reader, java.sql.Connection c, SqlDialect d, StepRecorder steps, RowSink sink) {
        this(plan, reader, c, d, steps, sink, false);
    }

    // The groups are built once per writer: the object rows' batches stay open from the first kind to the relations.
    private MigrationWriter(WritePlan plan, MetaReader reader, java.sql.Connection c, SqlDialect d, StepRecorder steps, RowSink sink,
            boolean pipelined) {
        StepGroup.Shared shared = new StepGroup.Shared(plan, reader, c, d, steps, sink, pipelined);
        this.cluster = new ClusterSteps(shared);
        this.users = new UserSteps(shared);
        this.objects = new ObjectSteps(shared);
        this.jobs = new StreamingJobSteps(shared);
        this.relations = new RelationSteps(shared);
        this.hummock = new HummockSteps(shared);
    }

    /** Where migrate runs a step: inside the data transaction, or after the data is committed. */
    public enum Phase {
        DATA, AFTER_DATA
    }

    /**
     * One write step; {@code writesRows} is false for the steps that only run statements (seeds,
     * sequence resets, cluster id). The action is handed the step's name, so the name is written
     * only in {@link #steps()}.
     */
    public record Step(String name, Phase phase, boolean writesRows, Action action) {
        public void run() throws SQLException {
            action.run(name);
        }
    }

    public interface Action {
        void run(String step) throws SQLException;
    }

    /**
     * The write steps in RisingWave v2.0.7's order, each named as the summary shows it: the one
     * place that order and those names are written. Migrate runs them all; diff replays the ones
     * that write rows into its comparing sink.
     */
    public List<Step> steps() {
        return List.of(
                new Step("system parameters", Phase.DATA, true, cluster::systemParameters),
                new Step("workers", Phase.DATA, true, cluster::workers),
                new Step("delete seeds", Phase.DATA, false, cluster::deleteSeeds),
                new Step("users", Phase.DATA, true, users::users),
                new Step("databases", Phase.DATA, true, objects::databases),
                new Step("schemas", Phase.DATA, true, objects::schemas),
                new Step("functions", Phase.DATA, true, objects::functions),
                new Step("connections", Phase.DATA, true, objects::connections),
                new Step("secrets", Phase.DATA, true, objects::secrets),
                new Step("relation objects", Phase.DATA, true, objects::relationObjects),
                new Step("streaming jobs", Phase.DATA, true, jobs::streamingJobs),
                new Step("sources", Phase.DATA, true, relations::sources),
                new Step("tables", Phase.DATA, true, relations::tables),
                new Step("indexes", Phase.DATA, true, relations::indexes),
                new Step("sinks", Phase.DATA, true, relations::sinks),
                new Step("views", Phase.DATA, true, relations::views),
                new Step("subscriptions", Phase.DATA, true, relations::subscriptions),
                new Step("object dependencies", Phase.DATA, true, objects::objectDependencies),
                new Step("user privileges", Phase.DATA, true, users::userPrivileges),
                new Step("catalog versions", Phase.DATA, true, cluster::catalogVersions),
                new Step("hummock pinned snapshots", Phase.DATA, true, hummock::hummockPinnedSnapshots),
                new Step("hummock pinned versions", Phase.DATA, true, hummock::hummockPinnedVersions),
                new Step("hummock version deltas", Phase.DATA, true, hummock::hummockVersionDeltas),
                new Step("hummock version stats", Phase.DATA, true, hummock::hummockVersionStats),
                new Step("compaction configs", Phase.DATA, true, hummock::compactionConfigs),
                new Step("compaction statuses", Phase.DATA, true, hummock::compactionStatuses),
                new Step("compaction tasks", Phase.DATA, true, hummock::compactionTasks),
                new Step("hummock sequences", Phase.DATA, true, hummock::hummockSequences),
                new Step("session parameters", Phase.DATA, true, cluster::sessionParameters),
                new Step("sequence resets", Phase.AFTER_DATA, false, cluster::sequenceResets),
                new Step("cluster id", Phase.AFTER_DATA, false, cluster::clusterId));
    }

    /** Runs the steps of one phase, in order. */
    public void run(Phase phase) throws SQLException {
        for (Step step : steps()) {
            if (step.phase() == phase) {
                step.run();
            }
        }
    }

    /** The SDK round trip of v2.0.7, as the writer applies it to a version delta; diff normalises the etcd side the same way. */
    public static Message normalizeDelta(Message m) {
        return HummockSteps.normalizeDelta(m);
    }
}
