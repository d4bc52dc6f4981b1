package dev.rwsh.commands.migrate;

import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.MigrateCommand.StateFile;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.migrate.write.MigrationWriter;
import dev.rwsh.commands.schema.MigrationMarker;
import dev.rwsh.commands.schema.MigrationRecord;
import dev.rwsh.commands.schema.SchemaInstaller;
import dev.rwsh.commands.schema.SchemaResources;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.SqlErrors;
import dev.rwsh.commands.sql.SqlFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The writing part of a migrate run, with the target locked: the schema, the writer's steps in one
 * transaction (or, where DDL commits at once, under the partial mark), the migration record, and
 * what a failure or an interruption left.
 */
final class TargetWrite {
    private TargetWrite() {
    }

    static List<String> ddl(MigrationMarker.TargetState ts, SqlDialect dialect, MigrationPlan plan) {
        List<String> out = new ArrayList<>();
        if (!dialect.transactionalDdl()) {
            out.add("CREATE TABLE " + MigrationMarker.TABLE + " (marks the migration as partial until it finishes)");
        }
        for (String t : ts.present()) {
            out.add("DROP TABLE " + dialect.quote(t));
        }
        out.add("create RisingWave " + SchemaResources.RISINGWAVE_VERSION + "'s schema: " + SchemaResources.get().migrations().size()
                + " migrations, " + SchemaResources.get().tables().size() + " tables (as 'sql schema create')");
        out.add("DELETE FROM object WHERE oid <> 0; DELETE FROM user WHERE user_id <> 0 (the seeded rows)");
        out.addAll(dialect.sequenceResets(plan.nextWorkerId(), plan.nextObjectId(), plan.nextUserId()));
        out.add("UPDATE cluster SET cluster_id = '" + plan.clusterUuid() + "'");
        out.add("CREATE TABLE " + MigrationRecord.TABLE + " (the cluster id and etcd revision migrated, for cutover)");
        if (!dialect.transactionalDdl()) {
            out.add("DROP TABLE " + MigrationMarker.TABLE);
        }
        return out;
    }

    static void write(Connection c, SqlConnection sql, SqlDialect dialect, MigrationPlan plan, Keyspace source, RunSteps steps,
            StateFile state, String sourceName, MigrationMarker.TargetState ts) throws SQLException {
        MigrationWriter w = new MigrationWriter(plan, new MetaReader(source), c, dialect, steps);
        boolean tx = dialect.transactionalDdl();
        if (tx) {
            SqlDialect.BulkLoad bulkLoad = dialect.beginBulkLoad(c);
            c.setAutoCommit(false);
            try {
                dialect.prepareWriteSession(c);
                schema(c, dialect, steps);
                w.run(MigrationWriter.Phase.DATA);
                w.run(MigrationWriter.Phase.AFTER_DATA);
                record(c, dialect, plan, sourceName);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                if (CommandInterruptedException.isInterruption(e)) {
                    throw new CommandInterruptedException("migrate interrupted: target rolled back, nothing written", e);
                }
                throw explain(sql, steps, e, "rolled back: the target is as it was");
            } finally {
                c.setAutoCommit(true);
                endBulkLoad(bulkLoad);
            }
            return;
        }
        dialect.prepareWriteSession(c);
        MigrationMarker.set(c, dialect, new MigrationMarker.Mark("partial", state.current().startedAt(), sourceName + " revision " + plan.revision(),
                plan.clusterId(), "schema"));
        try {
            schema(c, dialect, steps);
            MigrationMarker.step(c, dialect, "data");
            c.setAutoCommit(false);
            try {
                w.run(MigrationWriter.Phase.DATA);
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
            MigrationMarker.step(c, dialect, "sequence resets");
            w.run(MigrationWriter.Phase.AFTER_DATA);
            record(c, dialect, plan, sourceName);
            MigrationMarker.clear(c, dialect);
        } catch (SQLException | RuntimeException e) {
            rollback(c, e);
            if (CommandInterruptedException.isInterruption(e)) {
                throw new CommandInterruptedException("migrate interrupted: target marked partial; run migrate -f", e);
            }
            throw explain(sql, steps, e, "DDL commits at once on " + dialect.serverName() + ": the target is marked partial ("
                    + MigrationMarker.TABLE + "); 'migrate -f' redoes it");
        }
    }

    /** Settings not put back change no row: failing to restore them must not turn a committed migration into a failure. */
    private static void endBulkLoad(SqlDialect.BulkLoad bulkLoad) {
        try {
            bulkLoad.restore();
        } catch (SQLException e) {
            // The session keeps the bulk-load settings until it ends; nothing else to do.
        }
    }

    /** A rollback that fails (the connection is gone) does not hide why the migration stopped. */
    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** The source and revision, for cutover and backup list (the last write, so its presence means the data is complete). */
    private static void record(Connection c, SqlDialect dialect, MigrationPlan plan, String sourceName) throws SQLException {
        MigrationRecord.write(c, dialect, new MigrationRecord.Source(plan.clusterId(), sourceName, plan.revision(), Instant.now().toString()));
    }

    /** Says what stopped the run (a driver error classified as SqlErrors does: which server, which privilege), the target's state, then the fix. */
    private static RuntimeException explain(SqlConnection sql, RunSteps steps, Exception e, String outcome) {
        String step = steps.current == null ? "?" : steps.current;
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
        if (e instanceof SQLException driver) {
            SqlFailure failure = SqlErrors.explain(sql, "write to", driver);
            return new SqlFailure(failure.kind(), "migrate failed in step '" + step + "' (" + outcome + "): " + failure.getMessage(), failure.fix(), e);
        }
        return RwshException.failed("migrate failed in step '" + step + "': " + msg + "; " + outcome, e);
    }

    private static void schema(Connection c, SqlDialect dialect, RunSteps steps) throws SQLException {
        steps.begin("schema", SchemaResources.get().tables().size());
        List<String> dropped = SchemaInstaller.drop(c, dialect);
        SchemaInstaller.install(c, dialect);
        steps.end(0, SchemaResources.get().tables().size(), dropped.size(), 0);
    }
}
