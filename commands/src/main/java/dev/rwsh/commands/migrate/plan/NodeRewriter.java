package dev.rwsh.commands.migrate.plan;

import dev.rwsh.commands.meta.CatalogKind;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.rwsh.commands.meta.MessageRewriter;
import dev.rwsh.commands.migrate.plan.PlanProblem.Kind;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.secret.SecretRef;
import dev.rwsh.proto.stream_plan.MergeNode;
import dev.rwsh.proto.stream_plan.StreamNode;
import dev.rwsh.proto.stream_plan.StreamScanNode;

/**
 * Rewrites the database, schema and secret ids embedded in a stream plan as v2.0.7 does (§3.3,
 * §3.4): every catalog.Table the plan holds except {@code StreamScanNode.arrangement_table};
 * every secret reference. Optionally empties merge nodes' upstream actor lists. Unknown schemas
 * become 0 with a warning; unknown databases and secrets are errors.
 */
public final class NodeRewriter {
    private static final FieldDescriptor ARRANGEMENT = StreamScanNode.getDescriptor().findFieldByName("arrangement_table");
    private final PlanState plan;
    /** Where problems are reported: the fragment whose plan this is; null when not reporting (the writer's second pass). */
    private final PlanObject where;
    private final boolean report;

    /** A rewriter that reports each dangling reference as a problem of the plan being built. */
    NodeRewriter(PlanState plan, PlanObject where) {
        this.plan = plan;
        this.where = where;
        this.report = true;
    }

    /** A rewriter over a finished plan's ids; it reports nothing (the plan has reported it all). */
    public NodeRewriter(MigrationPlan plan) {
        this.plan = plan.state();
        this.where = null;
        this.report = false;
    }

    public StreamNode rewrite(StreamNode node) {
        return (StreamNode) walk(node);
    }

    private Message walk(Message m) {
        if (m instanceof MergeNode merge && merge.getUpstreamActorIdCount() > 0) {
            m = merge.toBuilder().clearUpstreamActorId().build();
        }
        return MessageRewriter.rewrite(m, this::value);
    }

    private Message value(FieldDescriptor f, Message v) {
        if (f == ARRANGEMENT) {
            return v;
        }
        if (v instanceof Table t) {
            return table(t);
        }
        if (v instanceof SecretRef ref) {
            Integer n = plan.rewrites(CatalogKind.SECRET).get(ref.getSecretId());
            if (n == null) {
                if (report) {
                    plan.error(Kind.DANGLING_REFERENCE, where, "stream plan refers to secret " + Integer.toUnsignedString(ref.getSecretId())
                            + ", which does not exist (v2.0.7 panics)");
                }
                return v;
            }
            return n == ref.getSecretId() ? v : ref.toBuilder().setSecretId(n).build();
        }
        return walk(v);
    }

    private Table table(Table t) {
        Integer db = plan.rewrites(CatalogKind.DATABASE).get(t.getDatabaseId());
        if (db == null) {
            if (report) {
                plan.error(Kind.DANGLING_REFERENCE, where, "embedded table " + Integer.toUnsignedString(t.getId()) + " " + t.getName() + " is in database "
                        + Integer.toUnsignedString(t.getDatabaseId()) + ", which does not exist (v2.0.7 panics)");
            }
            return t;
        }
        Integer schema = plan.rewrites(CatalogKind.SCHEMA).get(t.getSchemaId());
        if (schema == null) {
            if (report) {
                plan.warning(Kind.REPAIRED, where, "embedded table " + Integer.toUnsignedString(t.getId()) + " " + t.getName() + " names schema "
                        + Integer.toUnsignedString(t.getSchemaId()) + ", which does not exist: written as 0 (as v2.0.7 does)");
            }
            schema = 0;
        }
        if (db == t.getDatabaseId() && schema == t.getSchemaId()) {
            return t;
        }
        return t.toBuilder().setDatabaseId(db).setSchemaId(schema).build();
    }
}
