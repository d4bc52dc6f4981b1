package dev.rwsh.commands.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** PostgreSQL: transactional DDL, tables in {@code current_schema()}, serial columns, native uuid. */
public final class PostgresDialect extends SqlDialect {
    PostgresDialect(String version) {
        super(SqlBackend.POSTGRES, "PostgreSQL", version);
    }

    @Override
    public Map<String, String> relations(Connection c) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')")) {
            while (rs.next()) {
                String kind = rs.getString(2);
                out.put(rs.getString(1), kind.equals("r") || kind.equals("p") ? "table" : "view");
            }
        }
        return out;
    }

    @Override
    public Catalog.Schema readCatalog(Connection c, Collection<String> tables) throws SQLException {
        Set<String> wanted = new HashSet<>(tables);
        Map<String, List<Catalog.Column>> columns = new LinkedHashMap<>();
        // pg_catalog rather than information_schema.columns, which hides the columns of tables the
        // user holds no privilege on: a check run by a user who may only connect would see nothing.
        // format_type() spells the types as information_schema's data_type does for every type here.
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), t.typname, NOT a.attnotnull, pg_get_expr(d.adbin, d.adrelid) "
                        + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                        + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
                        + "ORDER BY c.relname, a.attnum")) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!wanted.contains(table)) {
                    continue;
                }
                String dflt = rs.getString(6);
                columns.computeIfAbsent(table, k -> new ArrayList<>()).add(new Catalog.Column(rs.getString(2), rs.getString(3),
                        rs.getString(4), null, rs.getBoolean(5), dflt, dflt != null && dflt.startsWith("nextval("), null));
            }
        }
        Map<String, List<String>> pks = new TreeMap<>();
        Map<String, List<Catalog.ForeignKey>> fks = new TreeMap<>();
        Map<String, List<Catalog.Unique>> uniques = new TreeMap<>();
        Map<String, List<Catalog.Check>> checks = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT t.relname, c.conname, c.contype, "
                        + "(SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord) "
                        + "   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum), "
                        + "COALESCE(r.relname, ''), "
                        + "COALESCE((SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord) "
                        + "   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum), ''), "
                        + "c.confupdtype, c.confdeltype, pg_get_constraintdef(c.oid) "
                        + "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                        + "LEFT JOIN pg_class r ON r.oid = c.confrelid "
                        + "WHERE n.nspname = current_schema() AND c.contype IN ('p', 'u', 'f', 'c') ORDER BY 1, 2")) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!wanted.contains(table)) {
                    continue;
                }
                String name = rs.getString(2);
                List<String> cols = split(rs.getString(4));
                switch (rs.getString(3)) {
                    case "p" -> pks.put(table, cols);
                    case "u" -> uniques.computeIfAbsent(table, k -> new ArrayList<>()).add(new Catalog.Unique(name, cols));
                    case "f" -> fks.computeIfAbsent(table, k -> new ArrayList<>()).add(new Catalog.ForeignKey(name, cols,
                            rs.getString(5), split(rs.getString(6)), action(rs.getString(8)), action(rs.getString(7))));
                    case "c" -> checks.computeIfAbsent(table, k -> new ArrayList<>()).add(new Catalog.Check(name, rs.getString(9)));
                    default -> {
                    }
                }
            }
        }
        Map<String, List<Catalog.Index>> indexes = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT t.relname, i.relname, x.indisunique, x.indisprimary, "
                        + "(SELECT string_agg(COALESCE(a.attname, '<expr>'), ',' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord) "
                        + "   LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) "
                        + "FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid "
                        + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema() ORDER BY 1, 2")) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (wanted.contains(table)) {
                    indexes.computeIfAbsent(table, k -> new ArrayList<>())
                            .add(new Catalog.Index(rs.getString(2), split(rs.getString(5)), rs.getBoolean(3), rs.getBoolean(4)));
                }
            }
        }
        Map<String, Catalog.Table> out = new TreeMap<>();
        for (Map.Entry<String, List<Catalog.Column>> e : columns.entrySet()) {
            String t = e.getKey();
            out.put(t, new Catalog.Table(t, e.getValue(), pks.getOrDefault(t, List.of()), fks.getOrDefault(t, List.of()),
                    uniques.getOrDefault(t, List.of()), indexes.getOrDefault(t, List.of()), checks.getOrDefault(t, List.of()), null));
        }
        return new Catalog.Schema(out);
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static String action(String code) {
        return switch (code == null ? "" : code) {
            case "a" -> "NO ACTION";
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> code;
        };
    }

    @Override
    public Catalog.Table normalize(Catalog.Table raw) {
        List<Catalog.Column> cols = new ArrayList<>();
        for (Catalog.Column c : raw.columns()) {
            // data_type names the type, except for arrays and user-defined types, which udt_name names.
            String type = c.type().equals("USER-DEFINED") || c.type().equals("ARRAY") ? c.dataType() : c.type();
            if (c.charLength() != null) {
                type = type + "(" + c.charLength() + ")";
            }
            cols.add(new Catalog.Column(c.name(), type, null, null, c.nullable(), normalizeDefault(c.defaultValue()), c.autoIncrement(), null));
        }
        return sorted(new Catalog.Table(raw.name(), cols, raw.primaryKey(), raw.foreignKeys(), raw.uniques(), raw.indexes(), raw.checks(), null));
    }

    @Override
    public void beginReadOnly(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION READ ONLY");
        }
    }

    @Override
    public void endReadOnly(Connection c) throws SQLException {
        try {
            c.rollback();
        } finally {
            c.setAutoCommit(true);
        }
    }

    @Override
    public Set<String> readOnlyKeywords() {
        return Set.of("SELECT", "WITH", "EXPLAIN", "SHOW", "VALUES", "TABLE");
    }

    @Override
    public void prepareWriteSession(Connection c) throws SQLException {
        // sqlx-postgres starts every connection with TimeZone=UTC; CURRENT_TIMESTAMP defaults of
        // "timestamp without time zone" columns then hold UTC, as under RisingWave. Local to the transaction.
        try (Statement s = c.createStatement()) {
            s.execute(c.getAutoCommit() ? "SET TIME ZONE 'UTC'" : "SET LOCAL TIME ZONE 'UTC'");
            // Actors' and dispatchers' actor-id lists exceed TOAST's 2 KB threshold; pglz compressing
            // them took half the server's time of a migration. lz4 (PostgreSQL 14+, when the server is
            // built with it) stores the same values ~10x cheaper and reads back transparently.
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)")) {
                if (rs.next()) {
                    s.execute(c.getAutoCommit() ? "SET default_toast_compression = 'lz4'" : "SET LOCAL default_toast_compression = 'lz4'");
                }
            }
        }
    }

    @Override
    public void checkCanCreate(Connection c, SqlEndpoint endpoint) throws SQLException {
        probeCreateInTransaction(c, endpoint);
    }

    @Override
    public Object uuidParameter(UUID id) {
        return id;
    }

    @Override
    public String currentUser(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public boolean isPermissionDenied(SQLException e) {
        return "42501".equals(e.getSQLState());
    }

    /** The advisory lock's first key ("rwsh"); the second is the schema's, so that two schemas of a database are two targets. */
    private static final int LOCK_CLASS = 0x72777368;

    private static int lockKey(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            String schema = rs.getString(1);
            return (schema == null ? 0 : schema.hashCode()) & 0x7fffffff;
        }
    }

    /** A session-level advisory lock; the holder is told by the session's application_name, which dies with it. */
    @Override
    public TargetLock.Attempt tryLockTarget(Connection c, SqlEndpoint endpoint, LockHolder me) throws SQLException {
        int key = lockKey(c);
        try (java.sql.PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            p.setInt(1, LOCK_CLASS);
            p.setInt(2, key);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return TargetLock.Attempt.busy(holderRecord(c, key), holder(c, key).orElse("a PostgreSQL session that has just let go of it"));
                }
            }
        }
        String previous;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW application_name")) {
            rs.next();
            previous = rs.getString(1);
        }
        setApplicationName(c, me.encode());
        return TargetLock.Attempt.taken(() -> {
            try {
                setApplicationName(c, previous);
            } finally {
                try (java.sql.PreparedStatement p = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                    p.setInt(1, LOCK_CLASS);
                    p.setInt(2, key);
                    p.execute();
                }
            }
        });
    }

    private static void setApplicationName(Connection c, String name) throws SQLException {
        try (java.sql.PreparedStatement p = c.prepareStatement("SELECT set_config('application_name', ?, false)")) {
            p.setString(1, name == null ? "" : name);
            p.execute();
        }
    }

    @Override
    public java.util.Optional<String> targetLockHolder(Connection c, SqlEndpoint endpoint) throws SQLException {
        int key = lockKey(c);
        return holderRecord(c, key).filter(LockHolder::deadHere).isPresent() ? java.util.Optional.empty() : holder(c, key);
    }

    private static java.util.Optional<LockHolder> holderRecord(Connection c, int key) throws SQLException {
        try (java.sql.PreparedStatement p = c.prepareStatement("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 2")) {
            p.setLong(1, LOCK_CLASS);
            p.setLong(2, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? LockHolder.parse(rs.getString(1)) : java.util.Optional.empty();
            }
        }
    }

    private static java.util.Optional<String> holder(Connection c, int key) throws SQLException {
        try (java.sql.PreparedStatement p = c.prepareStatement("SELECT a.application_name, a.pid, a.client_addr, a.backend_start "
                + "FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 2")) {
            p.setLong(1, LOCK_CLASS);
            p.setLong(2, key);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                String app = rs.getString(1);
                return java.util.Optional.of(LockHolder.parse(app).map(LockHolder::describe).orElse("PostgreSQL session " + rs.getLong(2)
                        + (rs.getString(3) == null ? "" : " from " + rs.getString(3)) + (app == null || app.isEmpty() ? "" : " (application '"
                        + app + "')") + (rs.getString(4) == null ? "" : ", connected at " + rs.getString(4))));
            }
        }
    }

    @Override
    public String where(SqlEndpoint endpoint) {
        return "database " + endpoint.database() + " at " + endpoint.host() + ":" + endpoint.port();
    }

    @Override
    public String grantAdvice(SqlEndpoint endpoint, String user) {
        // PostgreSQL 15 no longer lets every user create in schema public.
        return "as the database owner run GRANT CREATE, USAGE ON SCHEMA public TO " + quoteIfNeeded(user)
                + "; (or make the user the database owner), then try again";
    }

    /**
     * Classifies a refused privilege by object from the catalog, in the order a migration needs
     * them: the schema (USAGE, CREATE), then tables and sequences owned by another role.
     */
    @Override
    public String permissionAdvice(Connection c, SqlEndpoint endpoint) throws SQLException {
        String user;
        String schema;
        boolean usage;
        boolean create;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_user, COALESCE(current_schema(), 'public'), "
                + "has_schema_privilege(COALESCE(current_schema(), 'public'), 'USAGE'), has_schema_privilege(COALESCE(current_schema(), 'public'), 'CREATE')")) {
            rs.next();
            user = rs.getString(1);
            schema = rs.getString(2);
            usage = rs.getBoolean(3);
            create = rs.getBoolean(4);
        }
        String u = quoteIfNeeded(user);
        String s = quoteIfNeeded(schema);
        if (!usage) {
            return schemaAdvice(user, schema, create ? "USAGE" : "USAGE, CREATE");
        }
        java.util.Map<String, java.util.List<String>> foreignByOwner = new java.util.TreeMap<>();
        java.util.Set<String> unreadable = new java.util.TreeSet<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT c.relname, pg_get_userbyid(c.relowner), "
                + "CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(c.oid, 'USAGE,SELECT,UPDATE') "
                + "ELSE has_table_privilege(c.oid, 'SELECT,INSERT,UPDATE,DELETE') END "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'S') AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user) "
                + "ORDER BY 1")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    foreignByOwner.computeIfAbsent(rs.getString(2), k -> new java.util.ArrayList<>()).add(rs.getString(1));
                    if (!rs.getBoolean(3)) {
                        unreadable.add(rs.getString(1));
                    }
                }
            }
        }
        if (unreadable.isEmpty() && !create) {
            return schemaAdvice(user, schema, "CREATE");
        }
        if (foreignByOwner.isEmpty()) {
            return grantAdvice(endpoint, user);
        }
        java.util.Map.Entry<String, java.util.List<String>> first = foreignByOwner.entrySet().iterator().next();
        String owner = first.getKey();
        java.util.List<String> tables = first.getValue();
        String named = String.join(", ", tables.subList(0, Math.min(4, tables.size()))) + (tables.size() > 4 ? ", ... (" + tables.size() + ")" : "");
        String o = quoteIfNeeded(owner);
        if (!unreadable.isEmpty()) {
            return "tables in schema " + schema + " are owned by role " + owner + " (" + named + ") and user " + user + " may not use them: as "
                    + owner + " run GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + s + " TO " + u
                    + "; GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " + s + " TO " + u + "; (replacing them, migrate -f, "
                    + "also needs their owner: connect as " + owner + ", or as a superuser run REASSIGN OWNED BY " + o + " TO " + u + ";)";
        }
        return "tables in schema " + schema + " are owned by role " + owner + " (" + named + "), and only their owner may drop or alter them: "
                + "connect as " + owner + ", or as a superuser run REASSIGN OWNED BY " + o + " TO " + u + ";";
    }

    private String schemaAdvice(String user, String schema, String missing) {
        return "user " + user + " lacks " + missing + " on schema " + schema + ": as the database owner run GRANT " + missing
                + " ON SCHEMA " + quoteIfNeeded(schema) + " TO " + quoteIfNeeded(user) + ";";
    }

    @Override
    public String dropAdvice(SqlEndpoint endpoint, String user) {
        return "PostgreSQL lets only a table's owner (or a superuser) drop it: connect as the user that created RisingWave's tables";
    }

    private String quoteIfNeeded(String ident) {
        return ident != null && ident.matches("[a-z_][a-z0-9_]*") ? ident : quote(String.valueOf(ident));
    }

    @Override
    public String jsonPlaceholder() {
        return "CAST(? AS jsonb)";
    }

    @Override
    public java.util.List<String> sequenceResets(long nextWorkerId, long nextObjectId, long nextUserId) {
        // setval(seq, MAX) makes the next value MAX+1; with no rows MAX is NULL and the strict setval does nothing.
        return java.util.List.of("SELECT setval('worker_worker_id_seq', (SELECT MAX(worker_id) FROM worker))",
                nextObjectId > 1 ? "SELECT setval('object_oid_seq', GREATEST((SELECT MAX(oid) FROM object), " + (nextObjectId - 1) + "))"
                        : "SELECT setval('object_oid_seq', (SELECT MAX(oid) FROM object))",
                "SELECT setval('user_user_id_seq', (SELECT MAX(user_id) FROM \"user\"))");
    }

    @Override
    public void beginConsistentRead(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    @Override
    public long nextId(Connection c, String table, String column) throws SQLException {
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM "
                + quote(table + "_" + column + "_seq"))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public BulkPath bulkPath() {
        return BulkPath.of(BulkPath.Kind.COPY);
    }
}
