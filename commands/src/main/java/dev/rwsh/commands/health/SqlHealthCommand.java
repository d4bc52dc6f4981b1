package dev.rwsh.commands.health;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.preflight.PreflightCommand;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.schema.StoreInspector;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sql health}: what an operator of a meta store watches, from the server's own catalog views:
 * version, connections, database and table sizes, rows per RisingWave table, sessions idle in a
 * transaction or running long, and each backend's own figures (PostgreSQL dead rows, vacuum and
 * replication; MySQL/MariaDB InnoDB history length; SQLite pages, free list, WAL, quick_check).
 * Warnings name their object and the fix. With a watch, reads twice that far apart and shows the
 * second reading with the change in rows. Reads only.
 */
public final class SqlHealthCommand {
    static final String WARNING = "warning";
    static final String FAILED = "failed";
    /** Connections in use at this share of the allowed ones is a warning. */
    static final double CONNECTIONS_WARNING = 0.8;

    private SqlHealthCommand() {
    }

    /** One RisingWave table: exact rows, bytes as the server reports them, PostgreSQL's dead rows and last (auto)vacuum, the change in rows while watched. */
    public record TableStat(String table, long rows, Long bytes, Long deadRows, String lastAutovacuum, Long rowsChange) {
    }

    /** A session other than rwsh's: idle in a transaction, or running a statement for long. */
    public record SessionStat(String id, String user, String state, long seconds, String query) {
    }

    public record Figure(String item, String value) {
    }

    /** {@code level} is "warning" or "failed" (a damaged store). */
    public record Warning(String level, String object, String warning, String fix) {
    }

    public record Reading(String backend, String database, List<Figure> figures, List<TableStat> tables, List<SessionStat> sessions,
            List<Warning> warnings) {

        /** Collects a reading; backend classes add their figures, warnings and per-table details. */
        public static final class Builder {
            final List<Figure> figures = new ArrayList<>();
            final List<Warning> warnings = new ArrayList<>();
            final Map<String, Long> dead = new LinkedHashMap<>();
            final Map<String, String> vacuumed = new LinkedHashMap<>();
            List<String> tables = List.of();
            Map<String, Long> rows = Map.of();

            public void figure(String item, Object value) {
                figures.add(new Figure(item, String.valueOf(value)));
            }

            public void warn(String object, String warning, String fix) {
                warnings.add(new Warning(WARNING, object, warning, fix));
            }

            public void fail(String object, String problem, String fix) {
                warnings.add(new Warning(FAILED, object, problem, fix));
            }

            /** RisingWave's tables present in the store. */
            public List<String> tables() {
                return tables;
            }

            public long rows(String table) {
                return rows.getOrDefault(table, 0L);
            }

            public void tableDetail(String table, Long deadRows, String lastAutovacuum) {
                dead.put(table, deadRows);
                vacuumed.put(table, lastAutovacuum);
            }
        }
    }

    public record HealthResult(Reading reading, Long watchedSeconds) implements CommandResult {
        @Override
        public List<TableView> tables() {
            List<TableView> out = new ArrayList<>();
            TableView.Builder f = TableView.builder("sql health: " + reading.backend() + " " + reading.database() + ": " + summary(), "item", "value");
            reading.figures().forEach(x -> f.row(x.item(), x.value()));
            out.add(f.build());
            boolean pg = reading.tables().stream().anyMatch(t -> t.deadRows() != null || t.lastAutovacuum() != null);
            List<String> cols = new ArrayList<>(List.of("table", "rows", "bytes"));
            if (watchedSeconds != null) {
                cols.add("rows change in " + watchedSeconds + " s");
            }
            if (pg) {
                cols.add("dead rows");
                cols.add("last autovacuum");
            }
            TableView.Builder t = TableView.builder("RisingWave tables, largest first", cols.toArray(String[]::new));
            for (TableStat s : reading.tables()) {
                List<Object> row = new ArrayList<>(List.of(s.table(), s.rows(), s.bytes() == null ? "" : s.bytes()));
                if (watchedSeconds != null) {
                    row.add(s.rowsChange() == null ? "" : s.rowsChange() > 0 ? "+" + s.rowsChange() : s.rowsChange());
                }
                if (pg) {
                    row.add(s.deadRows() == null ? "" : s.deadRows());
                    row.add(s.lastAutovacuum() == null ? "never" : s.lastAutovacuum());
                }
                t.row(row.toArray());
            }
            if (!reading.tables().isEmpty()) {
                out.add(t.build());
            }
            if (!reading.sessions().isEmpty()) {
                TableView.Builder s = TableView.builder("sessions idle in a transaction or running long", "id", "user", "state", "seconds", "query");
                reading.sessions().forEach(x -> s.row(x.id(), x.user(), x.state(), x.seconds(), x.query() == null ? "" : x.query()));
                out.add(s.build());
            }
            if (!reading.warnings().isEmpty()) {
                TableView.Builder w = TableView.builder(reading.warnings().size() + " warning(s)", "level", "object", "warning", "fix");
                reading.warnings().forEach(x -> w.row(x.level(), x.object(), x.warning(), x.fix()));
                out.add(w.build());
            }
            return out;
        }

        private String summary() {
            long failed = reading.warnings().stream().filter(w -> w.level().equals(FAILED)).count();
            long warned = reading.warnings().size() - failed;
            return failed > 0 ? failed + " problem(s)" + (warned > 0 ? ", " + warned + " warning(s)" : "")
                    : warned > 0 ? warned + " warning(s)" : "healthy";
        }

        @Override
        public ExitStatus exitStatus() {
            return reading.warnings().stream().anyMatch(w -> w.level().equals(FAILED)) ? ExitStatus.CHECK_FAILED : ExitStatus.OK;
        }
    }

    /** @param watch zero: one reading; otherwise two this far apart, the change in rows shown */
    public static HealthResult run(SqlConnection sql, Duration watch) {
        return run(sql, watch, () -> PreflightCommand.pause(watch, "watching " + sql.endpoint().display()));
    }

    /** @param between runs between the two readings of a watch (the pause; tests write there) */
    static HealthResult run(SqlConnection sql, Duration watch, Runnable between) {
        Reading first = read(sql);
        if (watch == null || watch.isZero()) {
            return new HealthResult(first, null);
        }
        between.run();
        Reading second = read(sql);
        Map<String, Long> before = new LinkedHashMap<>();
        first.tables().forEach(t -> before.put(t.table(), t.rows()));
        List<TableStat> tables = second.tables().stream().map(t -> new TableStat(t.table(), t.rows(), t.bytes(), t.deadRows(), t.lastAutovacuum(),
                before.containsKey(t.table()) ? t.rows() - before.get(t.table()) : null)).toList();
        return new HealthResult(new Reading(second.backend(), second.database(), second.figures(), tables, second.sessions(), second.warnings()),
                watch.toSeconds());
    }

    static Reading read(SqlConnection sql) {
        SqlEndpoint endpoint = sql.endpoint();
        HealthQueries q = HealthQueries.of(sql.backend());
        String database = endpoint.path() != null ? endpoint.path().toString() : endpoint.database();
        return sql.withDialect("read the health of", (c, d) -> {
            Reading.Builder b = new Reading.Builder();
            b.figure("server", q.serverVersion(c));
            long[] conn = q.connections(c);
            if (conn != null) {
                b.figure("connections", conn[0] + " used of " + conn[1] + " allowed");
                if (conn[1] > 0 && conn[0] >= CONNECTIONS_WARNING * conn[1]) {
                    b.warn("server " + endpoint.display(), "connections near the limit: " + conn[0] + " of " + conn[1],
                            "raise max_connections, or lower the connection pools of its clients (RisingWave's meta node keeps a pool to its "
                                    + "meta store); end idle sessions");
                }
            }
            Long dbBytes = q.databaseBytes(c, endpoint);
            b.figure("database size", dbBytes == null ? "unknown" : bytes(dbBytes));
            StoreInspector.Store store = StoreInspector.read(c, d);
            b.tables = store.present();
            Map<String, Long> rows = StoreInspector.rowCounts(c, d, store.present());
            b.rows = rows;
            if (store.present().isEmpty()) {
                b.warn("database " + database, "none of RisingWave's tables", "connect sql to the meta store (or migrate into this one)");
            }
            Map<String, Long> sizes = q.tableBytes(c);
            q.backendFigures(c, endpoint, b);
            List<SessionStat> sessions = q.sessions(c);
            for (SessionStat s : sessions) {
                b.warn("session " + s.id() + " (" + s.user() + ")", s.state() + " for " + s.seconds() + " s" + (s.state().startsWith("idle in")
                        ? ": it holds its locks and keeps old row versions alive" : ""), "end it if it is stuck: " + q.terminate(s.id()));
            }
            List<TableStat> tables = new ArrayList<>();
            for (String t : store.present()) {
                tables.add(new TableStat(t, rows.get(t), sizes.get(t), b.dead.get(t), b.vacuumed.get(t), null));
            }
            tables.sort(Comparator.comparing((TableStat t) -> t.bytes() == null ? -1 : t.bytes()).reversed().thenComparing(TableStat::table));
            b.figure("RisingWave tables", store.present().size() + ", " + rows.values().stream().mapToLong(Long::longValue).sum() + " rows");
            return new Reading(sql.backend().rwName(), database, List.copyOf(b.figures), tables, sessions, List.copyOf(b.warnings));
        });
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format("%.1f %s (%d bytes)", v, units[i], n);
    }

}
