package dev.rwsh.commands.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.Epochs;
import dev.rwsh.commands.meta.JobIndex;
import dev.rwsh.commands.meta.MetaCatalog;
import dev.rwsh.commands.meta.MetaCatalog.CatalogObject;
import dev.rwsh.commands.meta.MetaCatalog.Kind;
import dev.rwsh.commands.meta.MetaEntry;
import dev.rwsh.commands.meta.MetaJson;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.proto.catalog.Database;
import dev.rwsh.proto.catalog.Schema;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.summary.ActorSummary;
import dev.rwsh.proto.summary.DispatcherSummary;
import dev.rwsh.proto.summary.FragmentSummary;
import dev.rwsh.proto.summary.JobSummary;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code show NAME}: one object's decoded catalog entry and, if it runs as (or in) a streaming job,
 * the job's fragments with their actors, workers, state tables and dispatchers. NAME may be
 * qualified: {@code schema.name} or {@code database.schema.name}; a database or schema can be
 * shown too.
 */
public final class ShowCommand {
    private ShowCommand() {
    }

    /**
     * Ids are unsigned 32-bit values in the metadata, held as longs so JSON prints them unsigned too.
     *
     * @param dispatchers per downstream fragment, the dispatcher type ({@code hash -> 12})
     */
    public record FragmentRow(long id, String types, String distribution, int actors, List<Long> workers, List<String> stateTables,
            List<Long> upstreamFragments, List<String> dispatchers) {
    }

    public record JobDetail(long id, String state, String parallelism, int actors, Map<Long, Integer> actorsPerWorker, List<FragmentRow> fragments) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShowResult(long revision, String kind, long id, String name, String owner, String createdAt, String createdAtClusterVersion,
            JobDetail job, List<String> internalTables, JsonNode catalog, List<Problem> problems) implements CommandResult {
        @Override
        public List<TableView> tables() {
            List<TableView> out = new ArrayList<>();
            TableView.Builder o = TableView.builder(null, "field", "value").row("name", name).row("kind", kind).row("id", id).row("owner", owner);
            if (createdAt != null) {
                o.row("created", createdAt + (createdAtClusterVersion == null ? "" : " (RisingWave " + createdAtClusterVersion + ")"));
            }
            if (job != null) {
                o.row("streaming job", job.id() + ": " + job.state() + ", " + job.parallelism() + ", " + job.fragments().size() + " fragments, "
                        + job.actors() + " actors");
                StringBuilder per = new StringBuilder();
                job.actorsPerWorker().forEach((w, n) -> per.append(per.isEmpty() ? "" : ", ").append("worker ").append(w).append(": ").append(n));
                o.row("actors per worker", per.toString());
            }
            if (internalTables != null && !internalTables.isEmpty()) {
                o.row("internal tables", String.join("\n", internalTables));
            }
            out.add(o.build());
            if (job != null) {
                TableView.Builder f = TableView.builder("fragments", "id", "types", "distribution", "actors", "workers", "state tables", "upstream",
                        "dispatchers");
                for (FragmentRow r : job.fragments()) {
                    f.row(r.id(), r.types(), r.distribution(), r.actors(), join(r.workers()), String.join("\n", r.stateTables()),
                            join(r.upstreamFragments()), String.join("\n", r.dispatchers()));
                }
                out.add(f.build());
            }
            out.add(TableView.builder("catalog entry", "value").row(MetaJson.pretty(catalog)).build());
            if (problems != null && !problems.isEmpty()) {
                TableView.Builder p = TableView.builder("problems", "problem");
                problems.forEach(x -> p.row(x.text()));
                out.add(p.build());
            }
            return out;
        }

        private static String join(List<Long> ids) {
            return String.join(", ", ids.stream().map(String::valueOf).toList());
        }
    }

    public static ShowResult run(Keyspace keyspace, String name) {
        if (name == null || name.isBlank()) {
            throw RwshException.usage("show needs a NAME: name, schema.name or database.schema.name ('catalog' lists them)");
        }
        MetaReader reader = new MetaReader(keyspace);
        MetaCatalog catalog = MetaCatalog.load(reader);
        String[] parts = name.split("\\.", -1);
        if (parts.length > 3) {
            throw RwshException.usage("'" + name + "' has too many dots: use name, schema.name or database.schema.name");
        }
        String object = parts[parts.length - 1];
        String schema = parts.length >= 2 ? parts[parts.length - 2] : null;
        String database = parts.length == 3 ? parts[0] : null;
        List<CatalogObject> matches = new ArrayList<>();
        for (CatalogObject o : catalog.objects()) {
            if (o.name().equals(object) && (schema == null || catalog.schemaName(o.schemaId()).equals(schema))
                    && (database == null || catalog.databaseName(o.databaseId()).equals(database))) {
                matches.add(o);
            }
        }
        if (matches.isEmpty()) {
            ShowResult container = container(keyspace, catalog, parts);
            if (container != null) {
                return container;
            }
            throw RwshException.failed("no object named '" + name + "' at revision " + keyspace.revision() + "; 'catalog' lists them");
        }
        if (matches.size() > 1) {
            throw RwshException.usage("'" + name + "' is ambiguous: " + String.join(", ", matches.stream()
                    .map(o -> catalog.qualifiedName(o) + " (" + o.kind().label() + ")").toList()) + "; qualify it");
        }
        return show(reader, catalog, matches.get(0));
    }

    private static ShowResult show(MetaReader reader, MetaCatalog catalog, CatalogObject o) {
        List<Problem> problems = new ArrayList<>();
        Long jobId = null;
        if (CatalogCommand.JOB_KINDS.contains(o.kind())) {
            jobId = MetaCatalog.ownJobId(o);
        } else if (o.kind() == Kind.INTERNAL_TABLE) {
            JobIndex index = JobIndex.load(reader, null);
            jobId = index.jobOfStateTable(o.id());
            if (jobId == null) {
                problems.add(Problem.warning("cf/catalog_table", Long.toString(o.id()), "this internal table belongs to no streaming job"));
            }
        }
        JobDetail job = null;
        if (jobId != null) {
            MetaEntry entry = reader.getById(ColumnFamily.TABLE_FRAGMENTS, jobId, MetaReader.JOB_SUMMARY).orElse(null);
            if (entry == null) {
                if (o.kind() != Kind.SOURCE) {
                    problems.add(Problem.warning(ColumnFamily.TABLE_FRAGMENTS.familyName(), Long.toString(jobId),
                            "no streaming job for this " + o.kind().label()));
                }
            } else if (!entry.ok()) {
                problems.add(Problem.of(entry));
            } else {
                job = detail(jobId, (JobSummary) entry.message(), catalog);
            }
        }
        List<String> internals = new ArrayList<>();
        if (job != null && jobId == o.id()) {
            for (FragmentRow f : job.fragments()) {
                for (String t : f.stateTables()) {
                    if (!t.startsWith(o.name() + " ") && !t.equals(o.name())) {
                        internals.add(t);
                    }
                }
            }
        }
        Message m = o.catalog();
        long created = epochField(m, "created_at_epoch");
        return new ShowResult(reader.revision(), o.kind().label(), o.id(), catalog.qualifiedName(o), catalog.userName(o.owner()),
                Epochs.text(created), stringField(m, "created_at_cluster_version"), job, internals, MetaJson.of(m), problems);
    }

    private static ShowResult container(Keyspace keyspace, MetaCatalog catalog, String[] parts) {
        if (parts.length == 1) {
            for (Database d : catalog.databases().values()) {
                if (d.getName().equals(parts[0])) {
                    return new ShowResult(keyspace.revision(), "database", Integer.toUnsignedLong(d.getId()), d.getName(), catalog.userName(d.getOwner()), null, null, null,
                            null, MetaJson.of(d), List.of());
                }
            }
        }
        if (parts.length <= 2) {
            for (Schema s : catalog.schemas().values()) {
                if (s.getName().equals(parts[parts.length - 1]) && (parts.length == 1 || catalog.databaseName(s.getDatabaseId()).equals(parts[0]))) {
                    return new ShowResult(keyspace.revision(), "schema", Integer.toUnsignedLong(s.getId()), catalog.databaseName(s.getDatabaseId()) + "." + s.getName(),
                            catalog.userName(s.getOwner()), null, null, null, null, MetaJson.of(s), List.of());
                }
            }
        }
        return null;
    }

    static JobDetail detail(long jobId, JobSummary s, MetaCatalog catalog) {
        Map<Long, Integer> perWorker = new TreeMap<>();
        s.getActorStatusMap().values().forEach(a -> perWorker.merge(Integer.toUnsignedLong(a.getLocation().getWorkerNodeId()), 1, Integer::sum));
        List<FragmentRow> rows = new ArrayList<>();
        int actors = 0;
        Map<Integer, FragmentSummary> byId = new TreeMap<>(Integer::compareUnsigned);
        byId.putAll(s.getFragmentsMap());
        for (FragmentSummary f : byId.values()) {
            TreeSet<Long> workers = new TreeSet<>();
            TreeMap<Long, String> dispatchers = new TreeMap<>(Long::compareUnsigned);
            for (ActorSummary a : f.getActorsList()) {
                var status = s.getActorStatusMap().get(a.getActorId());
                if (status != null) {
                    workers.add(Integer.toUnsignedLong(status.getLocation().getWorkerNodeId()));
                }
                for (DispatcherSummary d : a.getDispatcherList()) {
                    dispatchers.putIfAbsent(d.getDispatcherId(), d.getType().name().replace("DISPATCHER_TYPE_", "").toLowerCase(Locale.ROOT));
                }
            }
            List<String> stateTables = new ArrayList<>();
            for (int t : f.getStateTableIdsList()) {
                Table table = catalog.tables().get(Integer.toUnsignedLong(t));
                stateTables.add(table == null ? "#" + Integer.toUnsignedString(t) : table.getName() + " (" + Integer.toUnsignedString(t) + ")");
            }
            List<String> disp = new ArrayList<>();
            dispatchers.forEach((down, type) -> disp.add(type + " -> " + Long.toUnsignedString(down)));
            actors += f.getActorsCount();
            rows.add(new FragmentRow(Integer.toUnsignedLong(f.getFragmentId()), FragmentTypes.of(f.getFragmentTypeMask()),
                    f.getDistributionType().name().toLowerCase(Locale.ROOT), f.getActorsCount(), List.copyOf(workers), stateTables,
                    f.getUpstreamFragmentIdsList().stream().map(Integer::toUnsignedLong).toList(), disp));
        }
        return new JobDetail(jobId, JobIndex.state(s.getState()), JobIndex.parallelism(s), actors, perWorker, rows);
    }

    private static long epochField(Message m, String field) {
        FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
        return f != null && m.hasField(f) ? (Long) m.getField(f) : 0;
    }

    private static String stringField(Message m, String field) {
        FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
        return f != null && m.hasField(f) ? (String) m.getField(f) : null;
    }
}
