package dev.rwsh.commands.migrate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.meta.CatalogKind;
import dev.rwsh.commands.migrate.plan.PlanProblem.Kind;
import dev.rwsh.commands.migrate.plan.PlanProblem.Severity;
import dev.rwsh.commands.testsupport.MemoryKeyspace;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.proto.catalog.Database;
import dev.rwsh.proto.catalog.Function;
import dev.rwsh.proto.catalog.Sink;
import dev.rwsh.proto.catalog.View;
import dev.rwsh.proto.meta.TableFragments;
import dev.rwsh.proto.user.GrantPrivilege;
import dev.rwsh.proto.user.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each rule set of the plan on an in-memory keyspace: a generated v2.0.7 cluster (which the plan
 * accepts without an error) plus one hand-made key that the rule under test must notice.
 */
class PlanRulesTest {
    /** Far above any id the small generated cluster uses. */
    private static final int FREE_ID = 900_000;

    private MemoryKeyspace keyspace;
    private MigrationPlan clean;

    @BeforeEach
    void generate() {
        keyspace = new MemoryKeyspace();
        ClusterGenerator.generate(ClusterGenerator.Options.small(1), keyspace);
        clean = plan();
        assertFalse(clean.refuses(), clean.errors().toString());
    }

    private MigrationPlan plan() {
        return MigrationPlan.build(new MetaReader(keyspace), PlanProgress.NONE);
    }

    private void put(ColumnFamily family, int id, Message value) {
        keyspace.put(family.etcdKey(MetaKeys.encodeId(id)), value.toByteArray());
    }

    private static List<PlanProblem> problems(MigrationPlan plan, Kind kind) {
        return plan.problems().stream().filter(p -> p.kind() == kind).toList();
    }

    private Database database() {
        return clean.databases().get(0);
    }

    @Test
    void catalogRulesRefuseAFunctionInADatabaseThatDoesNotExist() {
        Database db = database();
        put(ColumnFamily.CATALOG_FUNCTION, FREE_ID, Function.newBuilder().setId(FREE_ID).setName("lost_fn").setDatabaseId(FREE_ID + 1)
                .setSchemaId(clean.schemas().get(0).getId()).setOwner(db.getOwner()).setReturnType(dev.rwsh.proto.data.DataType.getDefaultInstance())
                .setScalar(Function.ScalarFunction.getDefaultInstance()).build());
        MigrationPlan plan = plan();
        assertTrue(plan.refuses());
        PlanProblem p = problems(plan, Kind.DANGLING_REFERENCE).get(0);
        assertEquals(Severity.ERROR, p.severity());
        assertEquals(new PlanObject(PlanObject.Kind.FUNCTION, "lost_fn", (long) FREE_ID, "function lost_fn"), p.object());
        assertEquals("function lost_fn: database " + (FREE_ID + 1) + " does not exist (v2.0.7 panics)", p.text());
        assertEquals(List.of(p.text()), plan.errors());
    }

    @Test
    void idAssignmentMovesADatabaseWhoseIdARelationUses() {
        Database db = database();
        Integer before = clean.rewrite(CatalogKind.DATABASE, db.getId());
        assertNotNull(before);
        // A view holding the id the database was given: the assignment must hand the database another one.
        put(ColumnFamily.CATALOG_VIEW, before, View.newBuilder().setId(before).setName("squatter").setDatabaseId(db.getId())
                .setSchemaId(clean.schemas().get(0).getId()).setOwner(db.getOwner()).build());
        MigrationPlan plan = plan();
        Integer after = plan.rewrite(CatalogKind.DATABASE, db.getId());
        assertNotNull(after);
        assertNotEquals(before, after);
        assertTrue(plan.relationIds().contains(before));
        assertFalse(plan.relationIds().contains(after));
        assertTrue(plan.rewrites().stream().anyMatch(r -> r[0].equals("database") && r[1].equals(Integer.toUnsignedString(db.getId()))
                && r[3].equals(Integer.toString(after))), "the rewrite is listed");
    }

    @Test
    void orphanRepairDropsASinkWithoutAStreamingJobAndRowCountsLeaveItOut() {
        Database db = database();
        put(ColumnFamily.CATALOG_SINK, FREE_ID, Sink.newBuilder().setId(FREE_ID).setName("orphan_sink").setDatabaseId(db.getId())
                .setSchemaId(clean.schemas().get(0).getId()).setOwner(db.getOwner())
                .setSinkType(dev.rwsh.proto.catalog.SinkType.SINK_TYPE_APPEND_ONLY).build());
        MigrationPlan plan = plan();
        assertFalse(plan.refuses(), plan.errors().toString());
        assertTrue(plan.dropped().contains(FREE_ID));
        assertTrue(plan.keptSinks().stream().noneMatch(s -> s.getId() == FREE_ID));
        PlanProblem p = problems(plan, Kind.ORPHAN_DROPPED).get(0);
        assertEquals(Severity.WARNING, p.severity());
        assertEquals(new PlanObject(PlanObject.Kind.SINK, "orphan_sink", (long) FREE_ID, null), p.object());
        assertEquals("dropped sink orphan_sink (id " + FREE_ID + "): no streaming job", p.text());
        assertEquals(1, problems(plan, Kind.ORPHANS_DROPPED_WHOLE).size());
        assertEquals(clean.rows().get("sink"), plan.rows().get("sink"));
        assertEquals(clean.rows().get("object"), plan.rows().get("object"));
    }

    @Test
    void jobRulesRefuseAStreamingJobWithoutACatalogObject() {
        put(ColumnFamily.TABLE_FRAGMENTS, FREE_ID, TableFragments.newBuilder().setTableId(FREE_ID).setState(TableFragments.State.CREATED)
                .setCtx(dev.rwsh.proto.stream_plan.StreamContext.getDefaultInstance()).build());
        MigrationPlan plan = plan();
        assertTrue(plan.refuses());
        PlanProblem p = problems(plan, Kind.DANGLING_REFERENCE).get(0);
        assertEquals(PlanObject.Kind.STREAMING_JOB, p.object().kind());
        assertEquals((long) FREE_ID, p.object().id());
        assertEquals("streaming job " + FREE_ID + ": no catalog object has this id (v2.0.7 fails the foreign key streaming_job.job_id)", p.text());
        assertEquals(clean.rows().get("streaming_job") + 1, plan.rows().get("streaming_job"));
    }

    @Test
    void grantsSkipAPrivilegeOnAnObjectThatDoesNotExist() {
        put(ColumnFamily.USER_INFO, FREE_ID, UserInfo.newBuilder().setId(FREE_ID).setName("grantee")
                .addGrantPrivileges(GrantPrivilege.newBuilder().setTableId(FREE_ID + 7).addActionWithOpts(GrantPrivilege.ActionWithGrantOption.newBuilder()
                        .setAction(GrantPrivilege.Action.SELECT).setGrantedBy(database().getOwner())))
                .build());
        MigrationPlan plan = plan();
        assertFalse(plan.refuses(), plan.errors().toString());
        PlanProblem p = problems(plan, Kind.GRANT_AS_V2_0_7).get(0);
        assertEquals(Severity.WARNING, p.severity());
        assertEquals(PlanObject.Kind.USER, p.object().kind());
        assertEquals("grantee", p.object().name());
        assertTrue(p.text().startsWith("grant to user grantee (id " + FREE_ID + "): privilege on table id " + (FREE_ID + 7) + " skipped"), p.text());
        assertEquals(clean.privileges().size(), plan.privileges().size());
    }

    @Test
    void readingRefusesACatalogValueThatDoesNotDecodeNamingItsKey() {
        keyspace.put(ColumnFamily.CATALOG_VIEW.etcdKey(MetaKeys.encodeId(FREE_ID)), "not protobuf".getBytes(StandardCharsets.UTF_8));
        MigrationPlan plan = plan();
        assertTrue(plan.refuses());
        PlanProblem p = problems(plan, Kind.MALFORMED_VALUE).get(0);
        assertEquals(PlanObject.Kind.KEY, p.object().kind());
        assertTrue(p.text().startsWith("cf/catalog_view/"), p.text());
    }

    @Test
    void aProblemWithoutALabelIsItsMessage() {
        PlanProblem labelled = PlanProblem.error(Kind.INCOMPLETE_OBJECT, PlanObject.relation(PlanObject.Kind.TABLE, 12, "t"), "no kind");
        assertEquals("table 12 t: no kind", labelled.text());
        PlanProblem unlabelled = PlanProblem.improvement(Kind.SESSION_PARAMETERS_KEPT, "kept");
        assertEquals("kept", unlabelled.text());
    }
}
