package dev.rwsh.commands.diff;

import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.migrate.StepStats;
import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.sql.SqlConnection;
import java.util.List;

/**
 * {@code diff}: the etcd meta store against the SQL meta store, row by row. The etcd side is what
 * {@code migrate} would write now (the same plan, id rewrite and row building: the writing pass
 * sends its rows here instead of to JDBC); the SQL side is what the store holds, read in one
 * read-only repeatable-read transaction. Rows are matched by primary key (surrogate ids of
 * {@code actor_dispatcher}, {@code object_dependency} and {@code user_privilege} replaced by their
 * natural keys) and compared column by column in canonical form ({@link DiffValues}). One table is
 * held at a time, as a 64-bit fingerprint per row; details read the differing rows again.
 */
public final class DiffCommand {
    private DiffCommand() {
    }

    public record Options(boolean details, String category, int limit) {
    }

    // ---------------------------------------------------------------------------------------------

    public static DiffResult run(Keyspace source, String sourceName, SqlConnection sql, Options options) {
        return run(source, sourceName, sql, options, MigrationListener.NONE);
    }

    /** Reports its steps (reading the source, then migrate's writing steps, compared) to {@code listener}. */
    public static DiffResult run(Keyspace source, String sourceName, SqlConnection sql, Options options, MigrationListener listener) {
        try {
            MetaReader reader = new MetaReader(source);
            listener.stepStarted("read and validate", reader.count(ColumnFamily.TABLE_FRAGMENTS));
            long t = System.nanoTime();
            MigrationPlan plan = plan(source, listener);
            listener.stepFinished(new StepStats("read and validate", plan.rows().values().stream().mapToLong(Long::longValue).sum(), 0, 0,
                    plan.warnings().size(), System.nanoTime() - t));
            return run(source, plan, sourceName, sql, options, listener);
        } catch (CommandInterruptedException e) {
            throw new CommandInterruptedException("diff interrupted: nothing compared; neither side was changed", e);
        }
    }

    private static DiffResult run(Keyspace source, MigrationPlan plan, String sourceName, SqlConnection sql, Options options,
            MigrationListener listener) {
        if (plan.refuses()) {
            throw RwshException.failed("etcd holds metadata migrate refuses (" + plan.errors().size() + " problem(s), first: " + plan.errors().get(0)
                    + "); 'migrate --dry-run' lists them; diff compares only what migrate would write");
        }
        return DiffService.compare(source, plan, sourceName, sql, options, listener);
    }

    public static ShowResult show(Keyspace source, SqlConnection sql, String name) {
        MigrationPlan plan = plan(source);
        return sql.withDialect("diff against", (c, d) -> {
            d.beginConsistentRead(c);
            try {
                List<ShownRow> rows = new DiffDetails(new DiffEngine(plan, source, c, d, null, MigrationListener.NONE)).show(name);
                if (rows.isEmpty()) {
                    throw RwshException.failed("no object named or keyed '" + name + "' on either side; try a relation name, "
                            + "or '<category> <key>' as diff --details prints it (e.g. 'actor 12', 'fragment 3')");
                }
                return new ShowResult(name, rows);
            } finally {
                d.endReadOnly(c);
            }
        });
    }

    private static MigrationPlan plan(Keyspace source) {
        return plan(source, MigrationListener.NONE);
    }

    private static MigrationPlan plan(Keyspace source, MigrationListener listener) {
        MigrationPlan plan = MigrationPlan.build(new MetaReader(source), listener);
        if (plan.refuses()) {
            throw RwshException.failed("etcd holds metadata migrate refuses (" + plan.errors().size() + " problem(s), first: " + plan.errors().get(0)
                    + "); 'migrate --dry-run' lists them; diff compares only what migrate would write");
        }
        return plan;
    }
}
