package dev.rwsh.commands.cutover;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.ColumnFamilies;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.etcd.MetaElection;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.diff.DiffCommand;
import dev.rwsh.commands.diff.CategoryDiff;
import dev.rwsh.commands.diff.DiffResult;
import dev.rwsh.commands.diff.DiffService;
import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.migrate.TargetRecord;
import dev.rwsh.commands.preflight.PreflightCommand;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.schema.MigrationMarker;
import dev.rwsh.commands.schema.MigrationRecord;
import dev.rwsh.commands.schema.SchemaResources;
import dev.rwsh.commands.schema.StoreInspector;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code cutover}: whether etcd may be stopped, from the session's two connections. Safe only when
 * the SQL store was written by rwsh's migrate from this cluster and is complete, etcd has not changed
 * since the revision migrate read (a write after it would be lost), no meta node holds the leader
 * lease in etcd, and a meta node has started on the SQL store (the changes RisingWave makes on its own
 * after start, as {@code diff} knows them, are there, and nothing else differs). Reads only.
 */
public final class CutoverCommand {
    public static final String SAFE = "safe to stop etcd";
    static final String OK = "ok";
    static final String FAILED = "failed";
    static final String NOT_CHECKED = "not checked";
    /** Keys written after the migration shown by key; the rest are counted. */
    static final int LISTED_WRITES = 200;

    private CutoverCommand() {
    }

    /** One piece of evidence: what was checked, its result (ok, failed, not checked) and what was seen. */
    public record Evidence(String check, String result, String seen) {
    }

    /** A key etcd holds that was written after the migration's revision. */
    public record LateWrite(String key, String family, long modRevision) {
    }

    /**
     * @param verdict {@link #SAFE} or "not yet: REASON"
     * @param migratedFrom what the store's {@code rwsh_migrated_from} says, or null
     * @param lateWrites keys written in etcd after the migration's revision (at most {@link #LISTED_WRITES})
     * @param lateWritesTotal how many there are
     */
    public record CutoverResult(String verdict, boolean safe, String next, String source, String target, MigrationRecord.Source migratedFrom,
            List<Evidence> evidence, List<LateWrite> lateWrites, long lateWritesTotal) implements CommandResult {
        @Override
        public List<TableView> tables() {
            List<TableView> out = new ArrayList<>();
            out.add(TableView.builder("cutover", "item", "value").row("verdict", verdict).row("etcd", source).row("SQL", target)
                    .row("next", next).build());
            TableView.Builder e = TableView.builder("evidence", "check", "result", "seen");
            evidence.forEach(x -> e.row(x.check(), x.result(), x.seen()));
            out.add(e.build());
            if (!lateWrites.isEmpty()) {
                TableView.Builder w = TableView.builder("written in etcd after the migration (lost on cut-over)"
                        + (lateWritesTotal > lateWrites.size() ? ": " + lateWrites.size() + " of " + lateWritesTotal + " shown" : ""),
                        "key", "column family", "mod revision");
                lateWrites.forEach(x -> w.row(x.key(), x.family(), x.modRevision()));
                out.add(w.build());
            }
            return out;
        }

        @Override
        public ExitStatus exitStatus() {
            return safe ? ExitStatus.OK : ExitStatus.CHECK_FAILED;
        }
    }

    /** What the SQL store says about itself. */
    private record StoreFacts(Optional<MigrationRecord.Source> record, Optional<MigrationMarker.Mark> partial, String clusterId,
            List<String> newerMigrations, boolean hasTables) {
    }

    /** The first reason found, with its next step; later checks still add their evidence. */
    private static final class Verdict {
        String reason;
        String next;

        void notYet(String why, String step) {
            if (reason == null) {
                reason = why;
                next = step;
            }
        }
    }

    public static CutoverResult run(Session session) {
        SqlConnection sql = session.requireSql();
        if (!session.hasEtcdSource()) {
            throw RwshException.failed("cutover compares the SQL store with etcd: run 'connect etcd --endpoints HOST:PORT' (the cluster's etcd) first");
        }
        String source = session.sourceName();
        String target = sql.endpoint().display();
        List<Evidence> evidence = new ArrayList<>();
        Verdict v = new Verdict();

        StoreFacts store = sql.withDialect("read the migration record of", (c, d) -> {
            StoreInspector.Store s = StoreInspector.read(c, d);
            Set<String> known = new HashSet<>(SchemaResources.get().migrations());
            List<String> newer = s.migrationRows().stream().map(StoreInspector.MigrationRow::version).filter(x -> !known.contains(x)).toList();
            return new StoreFacts(MigrationRecord.read(c, d), MigrationMarker.read(c, d), s.present().contains("cluster") ? TargetRecord.clusterIdOf(c, d) : null,
                    newer, !s.present().isEmpty());
        });

        Keyspace ks = session.openKeyspace();
        MigrationPlan plan = MigrationPlan.build(new MetaReader(ks), MigrationListener.NONE);
        MigrationRecord.Source rec = store.record().orElse(null);

        // 1. written by rwsh's migrate from this cluster, and complete
        if (store.partial().isPresent()) {
            evidence.add(new Evidence("written by rwsh from this etcd", FAILED, "the store is marked partial: " + store.partial().get().describe()));
            v.notYet("the SQL store holds a partial migration", "migrate -f --yes (from the same etcd), then: cutover");
        } else if (rec == null) {
            evidence.add(new Evidence("written by rwsh from this etcd", FAILED, store.hasTables()
                    ? "no " + MigrationRecord.TABLE + " table: the store was not written by rwsh's migrate (or by a version before it recorded its source)"
                    : "the store has none of RisingWave's tables"));
            v.notYet("the SQL store holds no record of a migration by rwsh", "migrate (from this etcd), then: cutover");
        } else if (rec.clusterId() != null && !rec.clusterId().equals(plan.clusterId())) {
            evidence.add(new Evidence("written by rwsh from this etcd", FAILED, "the store was migrated from cluster " + rec.clusterId() + " ("
                    + rec.source() + "); etcd holds cluster " + plan.clusterId()));
            v.notYet("the SQL store was migrated from another cluster (" + rec.clusterId() + ")",
                    "connect etcd to the cluster the store came from, or migrate -f --yes from this one; then: cutover");
        } else if (rec.clusterId() != null && !rec.clusterId().equals(store.clusterId())) {
            evidence.add(new Evidence("written by rwsh from this etcd", FAILED, "the store's cluster table says " + store.clusterId()
                    + ", its migration record " + rec.clusterId() + ": changed after the migration"));
            v.notYet("the SQL store's cluster id is not the one migrated", "migrate -f --yes, then: cutover");
        } else {
            evidence.add(new Evidence("written by rwsh from this etcd", OK, "cluster " + rec.clusterId() + ", migrated " + rec.migratedAt() + " from "
                    + rec.source() + " at revision " + rec.revision() + "; complete (the record is migrate's last write; no partial mark)"));
        }

        // 2. etcd: no live leader lease, nothing written since the migration's revision
        List<LateWrite> late = new ArrayList<>();
        long[] lateTotal = {0};
        Optional<EtcdConnection> live = session.etcd();
        if (live.isEmpty()) {
            String why = "the source is " + source + ", not a live etcd: connect etcd --endpoints HOST:PORT to check it";
            evidence.add(new Evidence("no meta leader lease in etcd", NOT_CHECKED, why));
            evidence.add(new Evidence("etcd unchanged since the migration", NOT_CHECKED, why));
        } else {
            MetaElection.Leases leases = MetaElection.read(live.get(), ks);
            if (leases.anyLive()) {
                evidence.add(new Evidence("no meta leader lease in etcd", FAILED, "a live leader lease: " + leases.describeLive()));
                v.notYet("a meta node still holds the leader lease in etcd", "stop the meta node that runs on etcd (and every node of the "
                        + "cluster still pointing at etcd), wait until its lease runs out, then: cutover");
            } else {
                evidence.add(new Evidence("no meta leader lease in etcd", OK, leases.stale().isEmpty() ? "no key under __meta_election_"
                        : "no live lease under __meta_election_; left over: " + String.join(", ", leases.stale())));
            }
            if (rec != null) {
                late.addAll(lateWrites(ks, rec.revision(), lateTotal));
                if (ks.revision() == rec.revision()) {
                    evidence.add(new Evidence("etcd unchanged since the migration", OK, "etcd is at revision " + ks.revision()
                            + ", the one migrated"));
                } else {
                    long unexplained = ks.revision() - rec.revision() - late.stream().map(LateWrite::modRevision).distinct().count();
                    evidence.add(new Evidence("etcd unchanged since the migration", FAILED, "etcd moved from revision " + rec.revision() + " to "
                            + ks.revision() + ": " + lateTotal[0] + " key(s) written after the migration" + (unexplained > 0 && lateTotal[0] <= LISTED_WRITES
                                    ? ", and " + unexplained + " revision(s) of deletes or overwritten writes" : "")
                            + "; these changes are not in the SQL store"));
                    v.notYet("etcd changed after the migration's revision " + rec.revision() + " (" + lateTotal[0] + " key(s) written since)",
                            "stop every RisingWave node, backup save FILE, then: migrate -f --yes (the SQL store lacks what was written since), "
                                    + "then: cutover");
                }
            } else {
                evidence.add(new Evidence("etcd unchanged since the migration", NOT_CHECKED, "no migration revision recorded in the store"));
            }
        }

        // 3. a meta node has started on the SQL store: its own after-start changes, nothing else
        if (rec == null) {
            evidence.add(new Evidence("a meta node has started on the SQL store", NOT_CHECKED, "no migration to compare with"));
        } else {
            started(ks, plan, source, sql, store, evidence, v);
        }

        if (v.reason == null && live.isEmpty()) {
            v.notYet("the source is a backup, not the live etcd", "connect etcd --endpoints HOST:PORT (the cluster's etcd), then: cutover");
        }
        boolean safe = v.reason == null;
        String next = safe ? "stop etcd; keep the backup until the cluster has run on the SQL store for a while (backup list; backup prune)" : v.next;
        return new CutoverResult(safe ? SAFE : "not yet: " + v.reason, safe, next, source, target, rec, evidence, late, lateTotal[0]);
    }

    private static void started(Keyspace ks, MigrationPlan plan, String source, SqlConnection sql, StoreFacts store, List<Evidence> evidence,
            Verdict v) {
        if (plan.refuses()) {
            evidence.add(new Evidence("a meta node has started on the SQL store", NOT_CHECKED, "etcd holds metadata migrate refuses ("
                    + plan.errors().size() + " problem(s); migrate --dry-run lists them): no diff"));
            v.notYet("etcd's metadata cannot be compared with the store", "migrate --dry-run (the problems), then: cutover");
            return;
        }
        DiffResult diff = DiffService.compare(ks, plan, source, sql, new DiffCommand.Options(false, null, 0), MigrationListener.NONE);
        List<String> afterStart = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        for (CategoryDiff c : diff.categories()) {
            long n = c.onlyInEtcd() + c.onlyInSql() + c.different();
            if (n == 0) {
                continue;
            }
            String what = c.category() + " (" + (c.onlyInSql() > 0 ? c.onlyInSql() + " only in SQL, " : "") + (c.onlyInEtcd() > 0 ? c.onlyInEtcd()
                    + " only in etcd, " : "") + (c.different() > 0 ? c.different() + " different, " : "");
            what = what.substring(0, what.length() - 2) + ")";
            (c.note() != null ? afterStart : unexplained).add(what);
        }
        if (!store.newerMigrations().isEmpty()) {
            afterStart.add("seaql_migrations of a newer RisingWave (" + String.join(", ", store.newerMigrations()) + ")");
        }
        if (!unexplained.isEmpty()) {
            evidence.add(new Evidence("the store differs only where a meta node changes it", FAILED, "differences no meta node makes: "
                    + String.join(", ", unexplained)));
            v.notYet("the SQL store differs from etcd where no meta node changes it (" + String.join(", ", unexplained) + ")",
                    "diff --details (each differing object); migrate -f --yes replaces the store with etcd's metadata");
        } else {
            evidence.add(new Evidence("the store differs only where a meta node changes it", OK, "diff against " + source + " at revision "
                    + ks.revision() + " finds no other difference"));
        }
        if (afterStart.isEmpty()) {
            evidence.add(new Evidence("a meta node has started on the SQL store", FAILED, "diff finds the store as migrate wrote it: none of the "
                    + "changes a meta node makes on start (new hummock version deltas, re-registered workers, ...)"));
            v.notYet("no meta node has started on it", "config emit (the meta node's settings for this store), start the meta node on it, "
                    + "check the cluster runs, then: cutover");
        } else {
            evidence.add(new Evidence("a meta node has started on the SQL store", OK, "changes RisingWave makes after start: "
                    + String.join(", ", afterStart)));
        }
    }

    /** Keys etcd holds now whose last write came after {@code revision}; counts them all, keeps the first {@link #LISTED_WRITES}. */
    static List<LateWrite> lateWrites(Keyspace ks, long revision, long[] total) {
        List<LateWrite> out = new ArrayList<>();
        if (ks.revision() == revision) {
            return out;
        }
        ks.scan(new byte[0], true, e -> {
            if (e.modRevision() > revision) {
                total[0]++;
                if (out.size() < LISTED_WRITES) {
                    out.add(new LateWrite(KeyText.escape(e.key()), ColumnFamilies.familyOf(e.key()), e.modRevision()));
                }
            }
            return true;
        });
        return out;
    }
}
