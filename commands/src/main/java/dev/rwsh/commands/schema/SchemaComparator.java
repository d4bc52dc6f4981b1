package dev.rwsh.commands.schema;

import dev.rwsh.commands.sql.Catalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Compares two normalized catalogs and lists every difference, one per object. */
final class SchemaComparator {
    private SchemaComparator() {
    }

    /**
     * @param expected the normalized expected tables
     * @param live the normalized live tables (only RisingWave's; others come in {@code otherTables})
     * @param otherTables tables in the database that are not RisingWave's
     * @param skipCollation tables whose collation depends on how the database was created (seaql_migrations)
     */
    static List<SchemaDifference> compare(Catalog.Schema expected, Catalog.Schema live, Collection<String> otherTables,
            Set<String> skipCollation) {
        List<SchemaDifference> out = new ArrayList<>();
        for (Catalog.Table e : expected.tables().values()) {
            Catalog.Table l = live.tables().get(e.name());
            if (l == null) {
                out.add(new SchemaDifference(e.name(), "missing table", "table", "absent"));
                continue;
            }
            compareTable(e, l, skipCollation.contains(e.name()), out);
        }
        for (String other : otherTables) {
            out.add(new SchemaDifference(other, "unexpected table", "absent", "present (not RisingWave's; sql schema drop leaves it)"));
        }
        return out;
    }

    private static void compareTable(Catalog.Table e, Catalog.Table l, boolean skipCollation, List<SchemaDifference> out) {
        String t = e.name();
        for (Catalog.Column ec : e.columns()) {
            Catalog.Column lc = l.column(ec.name());
            String obj = t + "." + ec.name();
            if (lc == null) {
                out.add(new SchemaDifference(obj, "missing column", ec.type(), "absent"));
                continue;
            }
            if (!Objects.equals(ec.type(), lc.type())) {
                out.add(new SchemaDifference(obj, "type", ec.type(), lc.type()));
            }
            if (ec.nullable() != lc.nullable()) {
                out.add(new SchemaDifference(obj, "nullability", nullText(ec.nullable()), nullText(lc.nullable())));
            }
            if (!Objects.equals(ec.defaultValue(), lc.defaultValue())) {
                out.add(new SchemaDifference(obj, "default", text(ec.defaultValue()), text(lc.defaultValue())));
            }
            if (ec.autoIncrement() != lc.autoIncrement()) {
                out.add(new SchemaDifference(obj, "auto-increment", yesNo(ec.autoIncrement()), yesNo(lc.autoIncrement())));
            }
            if (!skipCollation && ec.collation() != null && !Objects.equals(ec.collation(), lc.collation())) {
                out.add(new SchemaDifference(obj, "collation", ec.collation(), text(lc.collation())));
            }
        }
        for (Catalog.Column lc : l.columns()) {
            if (e.column(lc.name()) == null) {
                out.add(new SchemaDifference(t + "." + lc.name(), "unexpected column", "absent", lc.type()));
            }
        }
        if (!skipCollation && e.collation() != null && !Objects.equals(e.collation(), l.collation())) {
            out.add(new SchemaDifference(t, "table collation", e.collation(), text(l.collation())));
        }
        if (!e.primaryKey().equals(l.primaryKey())) {
            out.add(new SchemaDifference(t, "primary key", cols(e.primaryKey()), l.primaryKey().isEmpty() ? "none" : cols(l.primaryKey())));
        }
        compareForeignKeys(e, l, out);
        Set<String> matchingIndexes = compareIndexes(e, l, out);
        compareUniques(e, l, matchingIndexes, out);
        compareChecks(e, l, out);
    }

    private static void compareForeignKeys(Catalog.Table e, Catalog.Table l, List<SchemaDifference> out) {
        String t = e.name();
        Map<String, Catalog.ForeignKey> ek = keyed(e.foreignKeys());
        Map<String, Catalog.ForeignKey> lk = keyed(l.foreignKeys());
        for (Map.Entry<String, Catalog.ForeignKey> en : ek.entrySet()) {
            Catalog.ForeignKey ef = en.getValue();
            Catalog.ForeignKey lf = lk.get(en.getKey());
            String obj = t + " foreign key " + (ef.name() == null ? ef.signature() : ef.name());
            if (lf == null) {
                out.add(new SchemaDifference(obj, "missing foreign key", fkText(ef), "absent"));
            } else if (!fkText(ef).equals(fkText(lf))) {
                out.add(new SchemaDifference(obj, "foreign key", fkText(ef), fkText(lf)));
            }
        }
        for (Map.Entry<String, Catalog.ForeignKey> en : lk.entrySet()) {
            if (!ek.containsKey(en.getKey())) {
                Catalog.ForeignKey lf = en.getValue();
                out.add(new SchemaDifference(t + " foreign key " + (lf.name() == null ? lf.signature() : lf.name()),
                        "unexpected foreign key", "absent", fkText(lf)));
            }
        }
    }

    /** Named keys match by name; SQLite's unnamed ones by what they link and how. */
    private static Map<String, Catalog.ForeignKey> keyed(List<Catalog.ForeignKey> fks) {
        Map<String, Catalog.ForeignKey> out = new LinkedHashMap<>();
        for (Catalog.ForeignKey fk : fks) {
            String key = fk.name() != null ? fk.name() : fk.signature() + " " + fk.onDelete() + " " + fk.onUpdate();
            out.put(key, fk);
        }
        return out;
    }

    private static String fkText(Catalog.ForeignKey fk) {
        return fk.signature() + " ON DELETE " + fk.onDelete() + " ON UPDATE " + fk.onUpdate();
    }

    /** Compares the indexes other than the primary key's; returns the names present alike on both sides. */
    private static Set<String> compareIndexes(Catalog.Table e, Catalog.Table l, List<SchemaDifference> out) {
        String t = e.name();
        Set<String> matching = new TreeSet<>();
        Map<String, Catalog.Index> li = new LinkedHashMap<>();
        l.indexes().stream().filter(i -> !i.primary()).forEach(i -> li.put(i.name(), i));
        Set<String> expectedNames = new TreeSet<>();
        for (Catalog.Index ei : e.indexes()) {
            if (ei.primary()) {
                continue;
            }
            expectedNames.add(ei.name());
            Catalog.Index found = li.get(ei.name());
            String obj = t + " index " + ei.name();
            if (found == null) {
                out.add(new SchemaDifference(obj, "missing index", indexText(ei), "absent"));
            } else if (!indexText(ei).equals(indexText(found))) {
                out.add(new SchemaDifference(obj, "index", indexText(ei), indexText(found)));
            } else {
                matching.add(ei.name());
            }
        }
        for (Catalog.Index found : li.values()) {
            if (!expectedNames.contains(found.name())) {
                out.add(new SchemaDifference(t + " index " + found.name(), "unexpected index", "absent", indexText(found)));
            }
        }
        return matching;
    }

    private static String indexText(Catalog.Index i) {
        return (i.unique() ? "UNIQUE " : "") + "(" + String.join(", ", i.columns()) + ")";
    }

    /**
     * Unique constraints are also indexes on every backend: a difference in the index is reported
     * there. Here only a same-named index that is, or is not, a constraint on one side only.
     */
    private static void compareUniques(Catalog.Table e, Catalog.Table l, Set<String> matchingIndexes, List<SchemaDifference> out) {
        String t = e.name();
        Set<String> en = new TreeSet<>();
        e.uniques().forEach(u -> en.add(u.name() + " (" + String.join(", ", u.columns()) + ")"));
        Set<String> ln = new TreeSet<>();
        l.uniques().forEach(u -> ln.add(u.name() + " (" + String.join(", ", u.columns()) + ")"));
        for (Catalog.Unique u : e.uniques()) {
            String key = u.name() + " (" + String.join(", ", u.columns()) + ")";
            if (!ln.contains(key) && (u.name() == null || matchingIndexes.contains(u.name()))) {
                out.add(new SchemaDifference(t + " unique constraint " + u.name(), "missing unique constraint", key, "a unique index only"));
            }
        }
        for (Catalog.Unique u : l.uniques()) {
            String key = u.name() + " (" + String.join(", ", u.columns()) + ")";
            if (!en.contains(key) && (u.name() == null || matchingIndexes.contains(u.name()))) {
                out.add(new SchemaDifference(t + " unique constraint " + u.name(), "unexpected unique constraint", "a unique index only", key));
            }
        }
    }

    private static void compareChecks(Catalog.Table e, Catalog.Table l, List<SchemaDifference> out) {
        String t = e.name();
        Map<String, String> ec = new LinkedHashMap<>();
        e.checks().forEach(c -> ec.put(c.name(), c.clause()));
        Map<String, String> lc = new LinkedHashMap<>();
        l.checks().forEach(c -> lc.put(c.name(), c.clause()));
        ec.forEach((name, clause) -> {
            if (!lc.containsKey(name)) {
                out.add(new SchemaDifference(t + " check " + name, "missing check constraint", clause, "absent"));
            } else if (!clause.equals(lc.get(name))) {
                out.add(new SchemaDifference(t + " check " + name, "check constraint", clause, lc.get(name)));
            }
        });
        lc.forEach((name, clause) -> {
            if (!ec.containsKey(name)) {
                out.add(new SchemaDifference(t + " check " + name, "unexpected check constraint", "absent", clause));
            }
        });
    }

    /** The seaql_migrations rows against the migration list: missing ones and unknown (newer) ones. */
    static List<SchemaDifference> compareMigrations(List<String> expected, Collection<String> recorded, String version) {
        List<SchemaDifference> out = new ArrayList<>();
        for (String v : expected) {
            if (!recorded.contains(v)) {
                out.add(new SchemaDifference(SchemaResources.MIGRATION_TABLE + " row " + v, "missing migration", "recorded",
                        "absent: a " + version + " meta node would run this migration again on start"));
            }
        }
        for (String v : new TreeSet<>(recorded)) {
            if (!expected.contains(v)) {
                out.add(new SchemaDifference(SchemaResources.MIGRATION_TABLE + " row " + v, "unknown migration", "absent",
                        "recorded, but not a " + version + " migration: a " + version + " meta node stops with 'Migration file of version "
                                + v + " is missing'"));
            }
        }
        return out;
    }

    private static String cols(List<String> columns) {
        return "(" + String.join(", ", columns) + ")";
    }

    private static String nullText(boolean nullable) {
        return nullable ? "NULL" : "NOT NULL";
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private static String text(String s) {
        return s == null ? "none" : s;
    }
}
