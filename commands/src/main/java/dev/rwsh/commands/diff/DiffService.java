package dev.rwsh.commands.diff;

import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.sql.SqlConnection;
import java.util.ArrayList;
import java.util.List;

/** The comparison behind {@code diff}, for any command that has a plan: a SQL store against what migrate writes from that plan. */
public final class DiffService {
    private DiffService() {
    }

    /** Compares in one consistent read of the store; {@code plan} must have no errors (migrate would refuse it). */
    public static DiffResult compare(Keyspace source, MigrationPlan plan, String sourceName, SqlConnection sql, DiffCommand.Options options,
            MigrationListener listener) {
        String target = sql.backend().rwName() + " " + (sql.endpoint().path() != null ? sql.endpoint().path().toString() : sql.endpoint().database());
        return sql.withDialect("diff against", (c, d) -> {
            d.beginConsistentRead(c);
            try {
                DiffEngine e = new DiffEngine(plan, source, c, d, options.category(), listener);
                List<CategoryDiff> cats = e.summary();
                List<ObjectDiff> details = null;
                long omitted = 0;
                if (options.details()) {
                    details = new DiffDetails(e).details(options.limit());
                    omitted = e.differing - details.size();
                }
                List<String> notes = new ArrayList<>();
                if (!plan.dropped().isEmpty()) {
                    notes.add(plan.dropped().size() + " orphaned relation(s) in etcd are not expected in SQL: migrate drops orphans whole "
                            + "(docs/migration.md)");
                }
                notes.add("session_parameter is compared with what rwsh migrates (v2.0.7 carries none; rwsh carries them)");
                if (cats.stream().anyMatch(x -> !x.clean() && x.note() != null)) {
                    notes.add("categories with a note change by themselves once a RisingWave meta node has started on the SQL store "
                            + "(docs/migration-semantics.md §10.2); diff before the first start to see only migration differences");
                }
                boolean clean = cats.stream().allMatch(CategoryDiff::clean);
                return new DiffResult(sourceName, plan.revision(), target, clean, cats, details, Math.max(0, omitted), notes);
            } finally {
                d.endReadOnly(c);
            }
        });
    }
}
