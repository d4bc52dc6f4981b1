package dev.rwsh.commands.migrate.plan;

import dev.rwsh.commands.migrate.plan.PlanProblem.Kind;
import dev.rwsh.proto.catalog.Index;
import dev.rwsh.proto.catalog.Sink;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.Subscription;
import dev.rwsh.proto.catalog.Table;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orphan repair (§6.1, §6.3): relations without a streaming job are dropped whole (rwsh drops a
 * dropped table's own source with it); what still points at a dropped table is an error; the
 * fragment ids, DML fragment ids and incoming sinks of kept tables are repaired to what the jobs say.
 */
final class OrphanRepair {
    private final PlanState state;

    OrphanRepair(PlanState state) {
        this.state = state;
    }

    void apply() {
        Set<Integer> stateTables = state.fragmentOfStateTable.keySet();
        for (Source s : state.sources) {
            if (s.getInfo().getCdcSourceJob() && !state.jobIds.contains(s.getId())) {
                drop(PlanObject.Kind.SOURCE, s.getId(), s.getName(), "shared source " + s.getName());
            }
        }
        for (Table t : state.tables) {
            boolean missing = t.getTableType() == Table.TableType.INTERNAL ? !stateTables.contains(t.getId()) : !state.jobIds.contains(t.getId());
            if (missing) {
                drop(PlanObject.Kind.TABLE, t.getId(), t.getName(), t.getTableType().name().toLowerCase().replace('_', ' ') + " " + t.getName());
            }
        }
        for (Index i : state.indexes) {
            if (!state.jobIds.contains(i.getIndexTableId())) {
                drop(PlanObject.Kind.INDEX, i.getId(), i.getName(), "index " + i.getName());
            }
        }
        for (Sink s : state.sinks) {
            if (!state.jobIds.contains(s.getId())) {
                drop(PlanObject.Kind.SINK, s.getId(), s.getName(), "sink " + s.getName());
            }
        }
        // rwsh drops a dropped table's own (non-shared) source with it: v2.0.7 writes it pointing at an orphan object.
        for (Source s : state.sources) {
            if (!state.dropped.contains(s.getId()) && s.getOptionalAssociatedTableIdCase() == Source.OptionalAssociatedTableIdCase.ASSOCIATED_TABLE_ID
                    && state.dropped.contains(s.getAssociatedTableId())) {
                drop(PlanObject.Kind.SOURCE, s.getId(), s.getName(), "source " + s.getName() + " of a dropped table");
            }
        }
        state.sources.stream().filter(s -> !state.dropped.contains(s.getId())).forEach(state.keptSources::add);
        state.indexes.stream().filter(s -> !state.dropped.contains(s.getId())).forEach(state.keptIndexes::add);
        state.sinks.stream().filter(s -> !state.dropped.contains(s.getId())).forEach(state.keptSinks::add);
        if (!state.dropped.isEmpty()) {
            state.problems.add(PlanProblem.improvement(Kind.ORPHANS_DROPPED_WHOLE, state.dropped.size() + " relation(s) without a streaming job dropped whole: "
                    + "no object row, grant or dependency of them (v2.0.7 leaves their object rows, grants and incoming dependencies behind)"));
        }
        for (Sink s : state.keptSinks) {
            if (s.hasTargetTable() && state.dropped.contains(s.getTargetTable())) {
                state.error(Kind.DANGLING_REFERENCE, new PlanObject(PlanObject.Kind.SINK, s.getName(), Integer.toUnsignedLong(s.getId()), null),
                        "sink " + s.getName() + " writes into table " + Integer.toUnsignedString(s.getTargetTable()) + ", which has no streaming job");
            }
        }
        for (Index i : state.keptIndexes) {
            if (state.dropped.contains(i.getPrimaryTableId())) {
                state.error(Kind.DANGLING_REFERENCE, new PlanObject(PlanObject.Kind.INDEX, i.getName(), Integer.toUnsignedLong(i.getId()), null),
                        "index " + i.getName() + " is on table " + Integer.toUnsignedString(i.getPrimaryTableId()) + ", which has no streaming job");
            }
        }
        for (Subscription s : state.subscriptions) {
            if (state.dropped.contains(s.getDependentTableId())) {
                state.error(Kind.DANGLING_REFERENCE, new PlanObject(PlanObject.Kind.SUBSCRIPTION, s.getName(), Integer.toUnsignedLong(s.getId()), null),
                        "subscription " + s.getName() + " is on table " + Integer.toUnsignedString(s.getDependentTableId())
                        + ", which has no streaming job");
            }
        }
        Map<Integer, TreeSet<Integer>> sinksInto = new HashMap<>();
        for (Sink s : state.keptSinks) {
            if (s.hasTargetTable()) {
                sinksInto.computeIfAbsent(s.getTargetTable(), k -> new TreeSet<>((a, b) -> Integer.compareUnsigned(a, b))).add(s.getId());
            }
        }
        for (Table t : state.tables) {
            if (state.dropped.contains(t.getId())) {
                continue;
            }
            PlanObject w = PlanObject.relation(PlanObject.Kind.TABLE, t.getId(), t.getName());
            Table.Builder b = t.toBuilder();
            Integer frag = state.fragmentOfStateTable.get(t.getId());
            if (frag == null) {
                state.error(Kind.INCONSISTENT_STREAM_JOB, w, "not in any fragment's state tables (v2.0.7 panics)");
                continue;
            }
            if (frag != t.getFragmentId()) {
                state.warning(Kind.REPAIRED, w, "fragment_id " + Integer.toUnsignedString(t.getFragmentId()) + " repaired to " + Integer.toUnsignedString(frag));
                b.setFragmentId(frag);
            }
            if (t.hasDmlFragmentId()) {
                Integer dml = state.dmlFragmentOfJob.get(t.getId());
                if (dml == null) {
                    state.error(Kind.INCONSISTENT_STREAM_JOB, w, "has a DML fragment id but its job has no DML fragment (v2.0.7 panics)");
                } else if (dml != t.getDmlFragmentId()) {
                    state.warning(Kind.REPAIRED, w, "dml_fragment_id " + Integer.toUnsignedString(t.getDmlFragmentId()) + " repaired to " + Integer.toUnsignedString(dml));
                    b.setDmlFragmentId(dml);
                }
            }
            TreeSet<Integer> into = sinksInto.get(t.getId());
            if (into != null && !(t.getIncomingSinksCount() == into.size() && into.containsAll(t.getIncomingSinksList()))) {
                state.warning(Kind.REPAIRED, w, "incoming sinks " + t.getIncomingSinksList() + " repaired to " + into);
                b.clearIncomingSinks().addAllIncomingSinks(into);
            }
            state.keptTables.add(b.build());
        }
        for (Map.Entry<Integer, String> j : state.jobStates.entrySet()) {
            if (!j.getValue().equals("CREATED")) {
                state.warning(Kind.UNFINISHED_JOB, new PlanObject(PlanObject.Kind.STREAMING_JOB, state.relationName(j.getKey()), Integer.toUnsignedLong(j.getKey()), null),
                        "streaming job " + Integer.toUnsignedString(j.getKey()) + " " + state.relationName(j.getKey()) + " is " + j.getValue()
                        + ": migrated as FOREGROUND (as v2.0.7 does), so a v2.0.7 meta node drops it at its first start");
            }
        }
    }

    private void drop(PlanObject.Kind kind, int id, String name, String what) {
        if (state.dropped.add(id)) {
            state.warning(Kind.ORPHAN_DROPPED, new PlanObject(kind, name, Integer.toUnsignedLong(id), null), "dropped " + what + " (id " + Integer.toUnsignedString(id) + "): no streaming job");
        }
    }
}
