package dev.rwsh.commands.inspect;

import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.JobIndex;
import dev.rwsh.commands.meta.MetaCatalog;
import dev.rwsh.commands.meta.MetaCatalog.CatalogObject;
import dev.rwsh.commands.meta.MetaCatalog.Kind;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.proto.catalog.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jobs}: every streaming job (cf/table_fragments) with the object it runs, its state,
 * parallelism, fragment, actor and worker counts; and the relations that should run as a job but
 * have none. Streams the jobs with their plans skipped.
 */
public final class JobsCommand {
    private JobsCommand() {
    }

    /** {@code name} and {@code kind} are null for a job with no catalog entry. */
    public record JobRow(long id, String name, String kind, String state, String parallelism, int fragments, int actors, int workers,
            int stateTables, String types) {
    }

    public record JobsResult(long revision, int jobs, long fragments, long actors, List<JobRow> rows, List<Problem> problems) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder t = TableView.builder(null, "id", "name", "kind", "state", "parallelism", "fragments", "actors", "workers",
                    "state tables");
            rows.forEach(r -> t.row(r.id(), r.name() == null ? "(no catalog)" : r.name(), r.kind() == null ? "" : r.kind(), r.state(),
                    r.parallelism(), r.fragments(), r.actors(), r.workers(), r.stateTables()));
            List<TableView> out = new ArrayList<>(List.of(t.build()));
            out.add(TableView.builder(null, "total").row(jobs + " jobs, " + fragments + " fragments, " + actors + " actors at revision " + revision)
                    .build());
            if (!problems.isEmpty()) {
                TableView.Builder p = TableView.builder("problems", "problem");
                problems.forEach(x -> p.row(x.text()));
                out.add(p.build());
            }
            return out;
        }
    }

    public static JobsResult run(Keyspace keyspace) {
        MetaReader reader = new MetaReader(keyspace);
        MetaCatalog catalog = MetaCatalog.load(reader);
        JobIndex index = JobIndex.load(reader, null);
        Map<Long, CatalogObject> owners = new HashMap<>();
        for (CatalogObject o : catalog.objects()) {
            if (CatalogCommand.JOB_KINDS.contains(o.kind()) && MetaCatalog.ownJobId(o) == o.id()) {
                owners.putIfAbsent(o.id(), o);
            }
        }
        List<JobRow> rows = new ArrayList<>();
        long fragments = 0;
        long actors = 0;
        for (JobIndex.Job j : index.jobs().values()) {
            CatalogObject o = owners.get(j.id());
            rows.add(new JobRow(j.id(), o == null ? null : catalog.qualifiedName(o), o == null ? null : o.kind().label(), j.state(), j.parallelism(),
                    j.fragments(), j.actors(), j.workers(), j.stateTables().size(), FragmentTypes.of(j.typeMask())));
            fragments += j.fragments();
            actors += j.actors();
        }
        rows.sort(Comparator.comparingLong(JobRow::id));
        List<Problem> problems = new ArrayList<>();
        catalog.problems().forEach(p -> problems.add(Problem.of(p)));
        index.problems().forEach(p -> problems.add(Problem.of(p)));
        for (JobRow r : rows) {
            if (r.name() == null) {
                problems.add(Problem.warning("cf/table_fragments", Long.toString(r.id()), "a streaming job with no catalog entry"));
            }
        }
        for (CatalogObject o : owners.values()) {
            boolean plainSource = o.kind() == Kind.SOURCE && !((Source) o.catalog()).getInfo().getCdcSourceJob();
            if (!plainSource && !index.jobs().containsKey(o.id())) {
                problems.add(Problem.warning(o.kind() == Kind.SOURCE ? "cf/catalog_source" : o.kind() == Kind.SINK ? "cf/catalog_sink"
                        : o.kind() == Kind.INDEX ? "cf/catalog_index" : "cf/catalog_table", Long.toString(o.id()),
                        o.kind().label() + " " + catalog.qualifiedName(o) + " has no streaming job"));
            }
        }
        return new JobsResult(keyspace.revision(), rows.size(), fragments, actors, rows, problems);
    }
}
