package dev.rwsh.commands.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.JobIndex;
import dev.rwsh.commands.meta.MetaCatalog;
import dev.rwsh.commands.meta.MetaCatalog.CatalogObject;
import dev.rwsh.commands.meta.MetaCatalog.Kind;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.proto.catalog.Database;
import dev.rwsh.proto.catalog.Schema;
import dev.rwsh.proto.user.UserInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code catalog [--database NAME]}: databases, their schemas and every object in them (relations
 * with their streaming jobs and internal tables, functions, connections, secrets), with ids, owners
 * and kinds; and the users. The catalog is held in memory; the streaming jobs are streamed with their
 * plans skipped.
 */
public final class CatalogCommand {
    /** Kinds that are streaming jobs themselves (a source only when shared). */
    static final Set<Kind> JOB_KINDS = Set.of(Kind.TABLE, Kind.MATERIALIZED_VIEW, Kind.INDEX, Kind.SINK, Kind.SOURCE, Kind.INDEX_TABLE);

    private CatalogCommand() {
    }

    public record JobBrief(long id, String state, String parallelism, int fragments, int actors) {
        static JobBrief of(JobIndex.Job j) {
            return j == null ? null : new JobBrief(j.id(), j.state(), j.parallelism(), j.fragments(), j.actors());
        }

        String text() {
            return state + ", " + parallelism + ", " + fragments + " fragment" + (fragments == 1 ? "" : "s") + ", " + actors + " actor"
                    + (actors == 1 ? "" : "s");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ObjectNode(String kind, long id, String name, String owner, String details, JobBrief job, List<ObjectNode> internalTables) {
    }

    public record SchemaNode(long id, String name, String owner, List<ObjectNode> objects) {
    }

    public record DatabaseNode(long id, String name, String owner, List<SchemaNode> schemas) {
    }

    public record UserRow(long id, String name, boolean superuser, boolean canLogin, boolean canCreateDb, boolean canCreateUser, int privileges) {
    }

    /**
     * @param unplaced objects whose database or schema does not exist
     * @param problems keys that did not decode or decoded with a warning
     */
    public record CatalogResult(long revision, String database, List<DatabaseNode> databases, List<UserRow> users, List<ObjectNode> unplaced,
            List<Problem> problems) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder t = TableView.builder(null, "name", "kind", "id", "owner", "streaming job", "details");
            for (DatabaseNode d : databases) {
                t.row(d.name(), "database", d.id(), d.owner(), "", "");
                for (int s = 0; s < d.schemas().size(); s++) {
                    SchemaNode schema = d.schemas().get(s);
                    boolean lastSchema = s == d.schemas().size() - 1;
                    t.row(branch(lastSchema) + schema.name(), "schema", schema.id(), schema.owner(), "", "");
                    String schemaIndent = lastSchema ? INDENT : PIPE;
                    addObjects(t, schema.objects(), schemaIndent);
                }
            }
            List<TableView> out = new ArrayList<>(List.of(t.build()));
            if (!unplaced.isEmpty()) {
                TableView.Builder u = TableView.builder("objects in no existing database or schema", "name", "kind", "id", "owner", "streaming job",
                        "details");
                addObjects(u, unplaced, "");
                out.add(u.build());
            }
            if (!users.isEmpty()) {
                TableView.Builder u = TableView.builder("users", "id", "name", "superuser", "login", "create db", "create user", "privileges");
                users.forEach(r -> u.row(r.id(), r.name(), r.superuser(), r.canLogin(), r.canCreateDb(), r.canCreateUser(), r.privileges()));
                out.add(u.build());
            }
            if (!problems.isEmpty()) {
                TableView.Builder p = TableView.builder("problems", "key", "problem");
                problems.forEach(x -> p.row((x.family() == null ? "" : x.family() + " ") + x.key(), x.error() != null ? "error: " + x.error()
                        : "warning: " + x.warning()));
                out.add(p.build());
            }
            return out;
        }

        /** The same listing without tree glyphs: each row names its place by a dotted path and its parent's path. */
        @Override
        public List<TableView> csvTables() {
            List<TableView> out = new ArrayList<>();
            TableView.Builder t = TableView.builder(null, "path", "parent", "name", "kind", "id", "owner", "streaming job", "details");
            for (DatabaseNode d : databases) {
                t.row(d.name(), "", d.name(), "database", d.id(), d.owner(), "", "");
                for (SchemaNode schema : d.schemas()) {
                    String schemaPath = d.name() + "." + schema.name();
                    t.row(schemaPath, d.name(), schema.name(), "schema", schema.id(), schema.owner(), "", "");
                    addFlatObjects(t, schema.objects(), schemaPath);
                }
            }
            out.add(t.build());
            if (!unplaced.isEmpty()) {
                TableView.Builder u = TableView.builder(null, "path", "parent", "name", "kind", "id", "owner", "streaming job", "details");
                addFlatObjects(u, unplaced, "");
                out.add(u.build());
            }
            List<TableView> rest = tables();
            // users and problems have no tree: the same tables as for the eye
            out.addAll(rest.subList(unplaced.isEmpty() ? 1 : 2, rest.size()));
            return out;
        }

        private static void addFlatObjects(TableView.Builder t, List<ObjectNode> objects, String parent) {
            for (ObjectNode obj : objects) {
                String path = parent.isEmpty() ? obj.name() : parent + "." + obj.name();
                t.row(path, parent, obj.name(), obj.kind(), obj.id(), obj.owner(), obj.job() == null ? "" : obj.job().text(), obj.details());
                for (ObjectNode in : obj.internalTables()) {
                    t.row(path + "." + in.name(), path, in.name(), in.kind(), in.id(), in.owner(), "", in.details());
                }
            }
        }

        private static void addObjects(TableView.Builder t, List<ObjectNode> objects, String indent) {
            for (int o = 0; o < objects.size(); o++) {
                ObjectNode obj = objects.get(o);
                boolean last = o == objects.size() - 1;
                t.row(indent + branch(last) + obj.name(), obj.kind(), obj.id(), obj.owner(), obj.job() == null ? "" : obj.job().text(), obj.details());
                String childIndent = indent + (last ? INDENT : PIPE);
                for (int i = 0; i < obj.internalTables().size(); i++) {
                    ObjectNode in = obj.internalTables().get(i);
                    t.row(childIndent + branch(i == obj.internalTables().size() - 1) + in.name(), in.kind(), in.id(), in.owner(), "", in.details());
                }
            }
        }
    }

    // Tree glyphs; the blank indent is no-break spaces so that table rendering keeps it.
    static final String PIPE = "│\u00a0\u00a0";
    static final String INDENT = "\u00a0\u00a0\u00a0";

    static String branch(boolean last) {
        return last ? "└─\u00a0" : "├─\u00a0";
    }

    public static CatalogResult run(Keyspace keyspace, String databaseName) {
        MetaReader reader = new MetaReader(keyspace);
        MetaCatalog catalog = MetaCatalog.load(reader);
        Long only = null;
        if (databaseName != null && !databaseName.isBlank()) {
            only = catalog.databases().values().stream().filter(d -> d.getName().equals(databaseName)).map(d -> Integer.toUnsignedLong(d.getId())).findFirst()
                    .orElseThrow(() -> RwshException.usage("no database '" + databaseName + "'; there are: "
                            + String.join(", ", catalog.databases().values().stream().map(Database::getName).toList())));
        }
        JobIndex jobs = JobIndex.load(reader, null);

        // Each job's own object, to hang its internal tables under.
        Set<Long> ownedJobs = new HashSet<>();
        for (CatalogObject o : catalog.objects()) {
            if (JOB_KINDS.contains(o.kind()) && MetaCatalog.ownJobId(o) == o.id()) {
                ownedJobs.add(o.id());
            }
        }
        Map<Long, List<ObjectNode>> internalsByJob = new HashMap<>();
        List<CatalogObject> orphanInternals = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (CatalogObject o : catalog.objects()) {
            if (o.kind() == Kind.INTERNAL_TABLE) {
                Long job = jobs.jobOfStateTable(o.id());
                if (job == null || !ownedJobs.contains(job)) {
                    orphanInternals.add(o);
                    problems.add(Problem.warning("cf/catalog_table", Long.toString(o.id()), "internal table " + o.name()
                            + (job == null ? " belongs to no streaming job" : " belongs to streaming job " + job + ", which has no catalog entry")));
                } else {
                    internalsByJob.computeIfAbsent(job, j -> new ArrayList<>()).add(node(o, catalog, null, List.of()));
                }
            }
        }
        Set<Long> placedJobs = new HashSet<>();
        Map<Long, List<ObjectNode>> bySchema = new HashMap<>();
        List<ObjectNode> unplaced = new ArrayList<>();
        for (CatalogObject o : catalog.objects()) {
            if (o.kind() == Kind.INTERNAL_TABLE && !orphanInternals.contains(o)) {
                continue;
            }
            JobBrief job = null;
            List<ObjectNode> internals = List.of();
            if (JOB_KINDS.contains(o.kind())) {
                long jobId = MetaCatalog.ownJobId(o);
                job = CatalogCommand.JobBrief.of(jobs.jobs().get(jobId));
                // A table with a connector and its associated source share one job: internal tables go under the table.
                if (jobId == o.id() && placedJobs.add(jobId)) {
                    internals = internalsByJob.getOrDefault(jobId, List.of());
                }
            }
            ObjectNode node = node(o, catalog, job, internals);
            if (!catalog.databases().containsKey(o.databaseId()) || !catalog.schemas().containsKey(o.schemaId())
                    || Integer.toUnsignedLong(catalog.schemas().get(o.schemaId()).getDatabaseId()) != o.databaseId()) {
                unplaced.add(node);
                continue;
            }
            bySchema.computeIfAbsent(o.schemaId(), s -> new ArrayList<>()).add(node);
        }

        List<DatabaseNode> databases = new ArrayList<>();
        for (Database d : catalog.databases().values()) {
            if (only != null && Integer.toUnsignedLong(d.getId()) != only) {
                continue;
            }
            List<SchemaNode> schemas = new ArrayList<>();
            for (Schema s : catalog.schemas().values()) {
                if (s.getDatabaseId() != d.getId()) {
                    continue;
                }
                List<ObjectNode> objects = bySchema.getOrDefault(Integer.toUnsignedLong(s.getId()), List.of());
                schemas.add(new SchemaNode(Integer.toUnsignedLong(s.getId()), s.getName(), catalog.userName(s.getOwner()), objects));
            }
            databases.add(new DatabaseNode(Integer.toUnsignedLong(d.getId()), d.getName(), catalog.userName(d.getOwner()), schemas));
        }
        List<UserRow> users = new ArrayList<>();
        if (only == null) {
            for (UserInfo u : catalog.users().values()) {
                users.add(new UserRow(Integer.toUnsignedLong(u.getId()), u.getName(), u.getIsSuper(), u.getCanLogin(), u.getCanCreateDb(), u.getCanCreateUser(),
                        u.getGrantPrivilegesCount()));
            }
        }
        catalog.problems().forEach(p -> problems.add(Problem.of(p)));
        jobs.problems().forEach(p -> problems.add(Problem.of(p)));
        return new CatalogResult(keyspace.revision(), only == null ? null : databaseName, databases, users, unplaced, problems);
    }

    private static ObjectNode node(CatalogObject o, MetaCatalog catalog, JobBrief job, List<ObjectNode> internals) {
        return new ObjectNode(o.kind().label(), o.id(), o.name(), catalog.userName(o.owner()), ObjectDetails.of(o, catalog), job, internals);
    }
}
