package dev.rwsh.commands.inspect;

import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.proto.common.WorkerNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** {@code workers}: the workers registered in cf/worker (compute nodes, frontends, compactors), by id. */
public final class WorkersCommand {
    private WorkersCommand() {
    }

    /** {@code transactionalId} is null when the worker has none (compactors). */
    public record WorkerRow(long id, String type, String host, String state, int parallelism, boolean streaming, boolean serving,
            boolean unschedulable, Integer transactionalId, String internalRpcHost, String nodeLabel) {
    }

    public record WorkersResult(long revision, List<WorkerRow> workers, List<Problem> problems) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder t = TableView.builder(null, "id", "type", "host", "state", "parallelism", "streaming", "serving", "unschedulable",
                    "transactional id", "label");
            workers.forEach(w -> t.row(w.id(), w.type(), w.host(), w.state(), w.parallelism(), w.streaming(), w.serving(), w.unschedulable(),
                    w.transactionalId() == null ? "" : w.transactionalId(), w.nodeLabel()));
            List<TableView> out = new ArrayList<>(List.of(t.build()));
            if (!problems.isEmpty()) {
                TableView.Builder p = TableView.builder("problems", "problem");
                problems.forEach(x -> p.row(x.text()));
                out.add(p.build());
            }
            return out;
        }
    }

    public static WorkersResult run(Keyspace keyspace) {
        List<WorkerRow> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        new MetaReader(keyspace).scan(ColumnFamily.WORKER, e -> {
            if (!e.ok() || e.warning() != null) {
                problems.add(Problem.of(e));
            }
            if (e.ok()) {
                WorkerNode w = (WorkerNode) e.message();
                WorkerNode.Property p = w.getProperty();
                rows.add(new WorkerRow(Integer.toUnsignedLong(w.getId()), w.getType().name().replace("WORKER_TYPE_", "").toLowerCase(Locale.ROOT),
                        MetaKeys.hostText(w.getHost()), w.getState().name().toLowerCase(Locale.ROOT), w.getParallelism(), p.getIsStreaming(),
                        p.getIsServing(), p.getIsUnschedulable(), w.hasTransactionalId() ? w.getTransactionalId() : null,
                        p.getInternalRpcHostAddr(), w.getNodeLabel()));
            }
            return true;
        });
        rows.sort(Comparator.comparingLong(WorkerRow::id));
        return new WorkersResult(keyspace.revision(), rows, problems);
    }
}
