package dev.rwsh.commands.migrate.plan;

import dev.rwsh.commands.meta.CatalogKind;

import dev.rwsh.commands.migrate.plan.PlanProblem.Kind;
import dev.rwsh.proto.catalog.Sink;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.Subscription;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.catalog.View;
import dev.rwsh.proto.user.GrantPrivilege;
import dev.rwsh.proto.user.UserInfo;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** Grants and dependencies: the user_privilege and object_dependency rows, over the kept relations and the new ids. */
final class GrantsAndDependencies {
    private final PlanState state;

    GrantsAndDependencies(PlanState state) {
        this.state = state;
    }

    /** object_dependency rows: secrets used by sources and sinks, relations used by tables, sinks, views and subscriptions. */
    void buildDependencies() {
        for (Source s : state.keptSources) {
            TreeSet<Integer> ids = new TreeSet<>();
            s.getSecretRefsMap().values().forEach(ref -> ids.add(state.rewrites(CatalogKind.SECRET).getOrDefault(ref.getSecretId(), 0)));
            ids.forEach(sid -> state.dependencies.add(new int[] {sid, s.getId()}));
        }
        for (Table t : state.keptTables) {
            for (int dep : t.getDependentRelationsList()) {
                addDependency(dep, t.getId());
            }
        }
        for (Sink s : state.keptSinks) {
            for (int dep : s.getDependentRelationsList()) {
                addDependency(dep, s.getId());
            }
            TreeSet<Integer> ids = new TreeSet<>();
            s.getSecretRefsMap().values().forEach(ref -> ids.add(state.rewrites(CatalogKind.SECRET).getOrDefault(ref.getSecretId(), 0)));
            s.getFormatDesc().getSecretRefsMap().values().forEach(ref -> ids.add(state.rewrites(CatalogKind.SECRET).getOrDefault(ref.getSecretId(), 0)));
            ids.forEach(sid -> state.dependencies.add(new int[] {sid, s.getId()}));
        }
        for (View v : state.views) {
            for (int dep : v.getDependentRelationsList()) {
                addDependency(dep, v.getId());
            }
        }
        for (Subscription s : state.subscriptions) {
            addDependency(s.getDependentTableId(), s.getId());
        }
    }

    /** The object a grant names, as etcd has it: its kind and id before any rewrite, e.g. "database id 7". */
    private static String grantObject(GrantPrivilege g) {
        String kind = g.getObjectCase().name().toLowerCase(java.util.Locale.ROOT).replace("_id", "");
        return kind + " id " + grantObjectId(g);
    }

    private static String grantObjectId(GrantPrivilege g) {
        Object id = g.getField(g.getDescriptorForType().findFieldByNumber(g.getObjectCase().getNumber()));
        return Integer.toUnsignedString((Integer) id);
    }

    private void addDependency(int used, int usedBy) {
        if (state.dropped.contains(used)) {
            state.warning(Kind.LEFT_OUT_WITH_ORPHAN, new PlanObject(PlanObject.Kind.RELATION, null, Integer.toUnsignedLong(usedBy), null),
                    "dependency of " + Integer.toUnsignedString(usedBy) + " on dropped relation " + Integer.toUnsignedString(used) + " left out");
            return;
        }
        state.dependencies.add(new int[] {used, usedBy});
    }

    /** user_privilege rows from every user's grants, with the ids rewritten, and what v2.0.7 skips or refuses. */
    void buildPrivileges() {
        Set<String> seen = new HashSet<>();
        for (UserInfo u : state.users) {
            for (GrantPrivilege g : u.getGrantPrivilegesList()) {
                PlanObject w = PlanObject.labelled(PlanObject.Kind.USER, u.getName(), u.getId(),
                        "grant to user " + u.getName() + " (id " + Integer.toUnsignedString(u.getId()) + ")");
                int oid;
                switch (g.getObjectCase()) {
                    case DATABASE_ID -> oid = state.rewrites(CatalogKind.DATABASE).getOrDefault(g.getDatabaseId(), 0);
                    case SCHEMA_ID -> oid = state.rewrites(CatalogKind.SCHEMA).getOrDefault(g.getSchemaId(), 0);
                    case FUNCTION_ID -> oid = state.rewrites(CatalogKind.FUNCTION).getOrDefault(g.getFunctionId(), 0);
                    case TABLE_ID -> oid = g.getTableId();
                    case SOURCE_ID -> oid = g.getSourceId();
                    case SINK_ID -> oid = g.getSinkId();
                    case VIEW_ID -> oid = g.getViewId();
                    case SUBSCRIPTION_ID -> oid = g.getSubscriptionId();
                    case OBJECT_NOT_SET -> {
                        state.error(Kind.INVALID_GRANT, w, "a privilege without object (v2.0.7 fails)");
                        continue;
                    }
                    default -> {
                        state.error(Kind.INVALID_GRANT, w, g.getObjectCase() + " grants are not supported by v2.0.7's migration (it panics)");
                        continue;
                    }
                }
                if (oid == 0 || !state.inUse.contains(Integer.toUnsignedLong(oid))) {
                    // v2.0.7 warns "grant object id N not found" (or, for a database, schema or function, "grant object not found").
                    state.warning(Kind.GRANT_AS_V2_0_7, w, "privilege on " + grantObject(g) + " skipped: grant object id " + grantObjectId(g)
                            + " not found in etcd (as v2.0.7 skips it); nothing to do, grant it again if the object is recreated");
                    continue;
                }
                if (state.dropped.contains(oid)) {
                    state.warning(Kind.LEFT_OUT_WITH_ORPHAN, w, "privilege on " + grantObject(g) + " " + state.relationName(oid)
                            + " left out: that relation is dropped (no streaming job)");
                    continue;
                }
                if (!state.relationIds.contains(oid) && g.getObjectCase() != GrantPrivilege.ObjectCase.DATABASE_ID
                        && g.getObjectCase() != GrantPrivilege.ObjectCase.SCHEMA_ID && g.getObjectCase() != GrantPrivilege.ObjectCase.FUNCTION_ID) {
                    state.warning(Kind.GRANT_AS_V2_0_7, w, "relation grant on id " + Integer.toUnsignedString(oid) + ", which is no relation but a newly assigned id "
                            + "(written against that object, as v2.0.7 does)");
                }
                for (GrantPrivilege.ActionWithGrantOption a : g.getActionWithOptsList()) {
                    if (a.getAction() == GrantPrivilege.Action.UNSPECIFIED || a.getAction() == GrantPrivilege.Action.UNRECOGNIZED) {
                        state.error(Kind.INVALID_GRANT, w, "action unspecified or unknown (v2.0.7 fails)");
                        continue;
                    }
                    String key = u.getId() + "/" + oid + "/" + a.getAction() + "/" + a.getGrantedBy();
                    if (!seen.add(key)) {
                        state.error(Kind.INVALID_GRANT, w, "duplicate privilege " + a.getAction() + " on " + Integer.toUnsignedString(oid)
                                + " (unique index idx_user_privilege_item fails)");
                    }
                    state.privileges.add(new Object[] {u.getId(), oid, a.getGrantedBy(), a.getAction().name(), a.getWithGrantOption()});
                }
            }
        }
    }
}
