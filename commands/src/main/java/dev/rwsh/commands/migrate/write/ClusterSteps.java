package dev.rwsh.commands.migrate.write;

import dev.rwsh.proto.common.WorkerNode;
import dev.rwsh.proto.common.WorkerType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The steps of the cluster itself rather than its catalog: system and session parameters, workers,
 * catalog versions, and the statements that prepare the seeded schema (seeds) and finish it
 * (sequence resets, cluster id).
 */
final class ClusterSteps extends StepGroup {
    ClusterSteps(Shared shared) {
        super(shared);
    }

    void systemParameters(String step) throws SQLException {
        steps.begin(step, plan.systemParams().size());
        try (RowSink.Rows b = batch(TargetTable.SYSTEM_PARAMETER)) {
            for (String[] p : plan.systemParams()) {
                b.add(p[0], p[1], Boolean.parseBoolean(p[2]), Batch.Null.TEXT);
            }
        }
        steps.end(plan.systemParams().size(), plan.systemParams().size(), 0, 0);
    }

    void workers(String step) throws SQLException {
        steps.begin(step, plan.workers().size());
        long props = 0;
        try (RowSink.Rows w = batch(TargetTable.WORKER);
                RowSink.Rows p = open(sink, TargetTable.WORKER_PROPERTY, null)) {
            for (WorkerNode n : plan.workers()) {
                w.add(n.getId(), n.getType().name().substring("WORKER_TYPE_".length()), n.getHost().getHost(), n.getHost().getPort(),
                        n.getState().name(), opt(n.hasTransactionalId(), n.getTransactionalId(), Batch.Null.INT));
            }
            w.flush();
            for (WorkerNode n : plan.workers()) {
                if (n.getType() == WorkerType.WORKER_TYPE_COMPUTE_NODE || n.getType() == WorkerType.WORKER_TYPE_FRONTEND) {
                    WorkerNode.Property pr = n.getProperty();
                    p.add(n.getId(), n.getParallelism(), pr.getIsStreaming(), pr.getIsServing(), pr.getIsUnschedulable(), pr.getInternalRpcHostAddr());
                    props++;
                }
            }
        }
        steps.end(plan.workers().size(), plan.workers().size() + props, 0, 0);
    }

    /** Step 8: the rows the schema seeds go (database and schema seeds through the cascade from object). */
    void deleteSeeds(String step) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + d.quote("object") + " WHERE " + d.quote("oid") + " <> 0");
            s.executeUpdate("DELETE FROM " + d.quote("user") + " WHERE " + d.quote("user_id") + " <> 0");
        }
    }

    void catalogVersions(String step) throws SQLException {
        steps.begin(step, 2);
        try (RowSink.Rows b = batch(TargetTable.CATALOG_VERSION)) {
            b.add("NOTIFICATION", plan.notificationVersion());
            b.add("TABLE_REVISION", plan.tableRevision());
        }
        steps.end(2, 2, 0, 0);
    }

    void sessionParameters(String step) throws SQLException {
        steps.begin(step, plan.sessionParams().size());
        try (RowSink.Rows b = batch(TargetTable.SESSION_PARAMETER)) {
            for (Map.Entry<String, String> e : plan.sessionParams().entrySet()) {
                b.add(e.getKey(), e.getValue(), Batch.Null.TEXT);
            }
        }
        steps.end(plan.sessionParams().size(), plan.sessionParams().size(), 0, 0);
    }

    void sequenceResets(String step) throws SQLException {
        List<String> resets = d.sequenceResets(plan.nextWorkerId(), plan.nextObjectId(), plan.nextUserId());
        steps.begin(step, resets.size());
        try (Statement s = c.createStatement()) {
            for (String sql : resets) {
                s.execute(sql);
            }
        }
        steps.end(0, 0, 0, 0);
    }

    void clusterId(String step) throws SQLException {
        steps.begin(step, 1);
        try (PreparedStatement p = c.prepareStatement("UPDATE " + d.quote("cluster") + " SET " + d.quote("cluster_id") + " = ?")) {
            p.setObject(1, d.uuidParameter(plan.clusterUuid()));
            p.executeUpdate();
        }
        steps.end(1, 1, 0, 0);
    }
}
