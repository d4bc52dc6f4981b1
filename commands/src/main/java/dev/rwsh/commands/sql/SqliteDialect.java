package dev.rwsh.commands.sql;

import dev.rwsh.commands.RwshException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/** SQLite: transactional DDL, PRAGMA catalog, unnamed foreign keys, AUTOINCREMENT only visible in the table's SQL. */
public final class SqliteDialect extends SqlDialect {
    public SqliteDialect(String version) {
        super(SqlBackend.SQLITE, "SQLite", version);
    }

    @Override
    public Map<String, String> relations(Connection c) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    @Override
    public Catalog.Schema readCatalog(Connection c, Collection<String> tables) throws SQLException {
        Map<String, String> createSql = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                createSql.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, Catalog.Table> out = new TreeMap<>();
        for (String table : tables) {
            String sql = createSql.get(table);
            if (sql == null) {
                continue;
            }
            List<Catalog.Column> columns = new ArrayList<>();
            Map<Integer, String> pk = new TreeMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + quote(table) + ")")) {
                while (rs.next()) {
                    String name = rs.getString("name");
                    int pkPos = rs.getInt("pk");
                    if (pkPos > 0) {
                        pk.put(pkPos, name);
                    }
                    columns.add(new Catalog.Column(name, rs.getString("type"), null, null, rs.getInt("notnull") == 0,
                            rs.getString("dflt_value"), isAutoIncrement(sql, name), null));
                }
            }
            Map<Integer, Object[]> fkById = new LinkedHashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_list(" + quote(table) + ")")) {
                while (rs.next()) {
                    Object[] fk = fkById.computeIfAbsent(rs.getInt("id"), k -> new Object[] {new ArrayList<String>(), null, new ArrayList<String>(), null, null});
                    @SuppressWarnings("unchecked")
                    List<String> from = (List<String>) fk[0];
                    @SuppressWarnings("unchecked")
                    List<String> to = (List<String>) fk[2];
                    from.add(rs.getString("from"));
                    fk[1] = rs.getString("table");
                    to.add(rs.getString("to"));
                    fk[3] = rs.getString("on_delete");
                    fk[4] = rs.getString("on_update");
                }
            }
            List<Catalog.ForeignKey> fks = new ArrayList<>();
            for (Object[] fk : fkById.values()) {
                @SuppressWarnings("unchecked")
                List<String> from = (List<String>) fk[0];
                @SuppressWarnings("unchecked")
                List<String> to = (List<String>) fk[2];
                fks.add(new Catalog.ForeignKey(null, from, (String) fk[1], to, (String) fk[3], (String) fk[4]));
            }
            List<Catalog.Index> indexes = new ArrayList<>();
            List<Catalog.Unique> uniques = new ArrayList<>();
            List<String[]> indexList = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA index_list(" + quote(table) + ")")) {
                while (rs.next()) {
                    indexList.add(new String[] {rs.getString("name"), String.valueOf(rs.getInt("unique")), rs.getString("origin")});
                }
            }
            for (String[] idx : indexList) {
                List<String> cols = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA index_info(" + quote(idx[0]) + ")")) {
                    while (rs.next()) {
                        cols.add(rs.getString("name") == null ? "<expr>" : rs.getString("name"));
                    }
                }
                indexes.add(new Catalog.Index(idx[0], cols, idx[1].equals("1"), "pk".equals(idx[2])));
                if ("u".equals(idx[2])) {
                    uniques.add(new Catalog.Unique(idx[0], cols));
                }
            }
            out.put(table, new Catalog.Table(table, columns, new ArrayList<>(pk.values()), fks, uniques, indexes, List.of(), null));
        }
        return new Catalog.Schema(out);
    }

    /** PRAGMA does not report AUTOINCREMENT: it is in the column's definition in sqlite_master.sql. */
    static boolean isAutoIncrement(String createSql, String column) {
        Pattern p = Pattern.compile("(?is)(^|[(,])\\s*[\"`\\[]?" + Pattern.quote(column) + "[\"`\\]]?\\s[^,]*AUTOINCREMENT");
        return p.matcher(createSql).find();
    }

    @Override
    public Catalog.Table normalize(Catalog.Table raw) {
        List<Catalog.Column> cols = new ArrayList<>();
        for (Catalog.Column c : raw.columns()) {
            // SQLite 3.37+ reports its built-in type names in upper case, older ones as written.
            cols.add(new Catalog.Column(c.name(), lower(c.type()), null, null, c.nullable(), normalizeDefault(c.defaultValue()), c.autoIncrement(), null));
        }
        List<Catalog.ForeignKey> fks = new ArrayList<>();
        for (Catalog.ForeignKey fk : raw.foreignKeys()) {
            fks.add(new Catalog.ForeignKey(null, fk.columns(), fk.refTable(), fk.refColumns(), upper(fk.onDelete()), upper(fk.onUpdate())));
        }
        return sorted(new Catalog.Table(raw.name(), cols, raw.primaryKey(), fks, raw.uniques(), raw.indexes(), raw.checks(), null));
    }

    private static String upper(String s) {
        return s == null ? "NO ACTION" : s.toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public void beginReadOnly(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = ON");
        }
        c.setAutoCommit(false);
    }

    @Override
    public void endReadOnly(Connection c) throws SQLException {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA query_only = OFF");
            }
        }
    }

    @Override
    public Set<String> readOnlyKeywords() {
        return Set.of("SELECT", "WITH", "EXPLAIN", "VALUES", "PRAGMA");
    }

    /** PRAGMAs that only read; with an argument only where the argument names a table, index or schema. */
    private static final Set<String> READ_PRAGMAS_WITH_ARGUMENT = Set.of("table_info", "table_xinfo", "index_list", "index_info",
            "index_xinfo", "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check", "table_list");
    private static final Set<String> READ_PRAGMAS = Set.of("database_list", "table_list", "compile_options", "page_count", "page_size",
            "freelist_count", "schema_version", "user_version", "application_id", "journal_mode", "foreign_keys", "encoding",
            "collation_list", "function_list", "pragma_list", "module_list", "data_version", "integrity_check", "quick_check",
            "foreign_key_check");
    private static final Pattern PRAGMA = Pattern.compile("(?is)^PRAGMA\\s+(?:[A-Za-z_][A-Za-z0-9_]*\\.)?([A-Za-z_][A-Za-z0-9_]*)\\s*(\\(.*\\))?\\s*;?\\s*$");

    @Override
    public String refuseReadOnly(String firstKeyword, String strippedSql) {
        if (!firstKeyword.equals("PRAGMA")) {
            return null;
        }
        var m = PRAGMA.matcher(strippedSql.trim());
        if (!m.matches()) {
            return "only reading PRAGMAs are allowed (no '= value')";
        }
        String name = m.group(1).toLowerCase(java.util.Locale.ROOT);
        boolean ok = m.group(2) == null ? READ_PRAGMAS.contains(name) : READ_PRAGMAS_WITH_ARGUMENT.contains(name);
        return ok ? null : "PRAGMA " + name + (m.group(2) == null ? "" : "(...)") + " is not one of the PRAGMAs that only read";
    }

    @Override
    public void prepareWriteSession(Connection c) {
        // sqlx-sqlite's only relevant setting, foreign_keys = ON, is set on every pooled connection by SqlConnector.
    }

    /**
     * A bigger page cache (the default is 2 MB, so a large transaction spills dirty pages to the
     * file early and reads them back for every index insert) and temporary data in memory. The
     * rollback journal and synchronous stay as they are, so a killed run still rolls back. Both are
     * per connection: their old values are put back. temp_store cannot change inside a transaction.
     */
    @Override
    public BulkLoad beginBulkLoad(Connection c) throws SQLException {
        long cacheSize = pragma(c, "cache_size");
        long tempStore = pragma(c, "temp_store");
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA cache_size = " + BULK_LOAD_CACHE_KIB);
            s.execute("PRAGMA temp_store = MEMORY");
        }
        return () -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA cache_size = " + cacheSize);
                s.execute("PRAGMA temp_store = " + tempStore);
            }
        };
    }

    /** Negative: a size in KiB (256 MiB), not pages; SQLite takes it only as it needs it, outside the Java heap. */
    static final long BULK_LOAD_CACHE_KIB = -256 * 1024;

    private static long pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void checkCanCreate(Connection c, SqlEndpoint endpoint) throws SQLException {
        if ("ro".equals(endpoint.sqliteMode())) {
            throw RwshException.failed("SQLite database " + endpoint.path() + " is opened read-only (mode=ro): connect with mode=rwc to create the schema");
        }
        probeCreateInTransaction(c, endpoint);
    }

    @Override
    public Object uuidParameter(UUID id) {
        // sqlx-sqlite binds uuid::Uuid as a 16-byte BLOB, though the column is declared text(36).
        return uuidBytes(id);
    }

    @Override
    public String currentUser(Connection c) {
        return System.getProperty("user.name");
    }

    @Override
    public boolean isPermissionDenied(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == 8 || code == 14 || code == 23; // SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_AUTH
    }

    @Override
    public TargetLock.Attempt tryLockTarget(Connection c, SqlEndpoint endpoint, LockHolder me) throws SQLException {
        return endpoint.path() == null ? TargetLock.Attempt.taken(() -> { }) : SqliteLockFile.of(endpoint.path()).tryLock(me);
    }

    @Override
    public java.util.Optional<String> targetLockHolder(Connection c, SqlEndpoint endpoint) throws SQLException {
        return endpoint.path() == null ? java.util.Optional.empty() : SqliteLockFile.of(endpoint.path()).holder();
    }

    @Override
    public java.util.Optional<String> staleTargetLock(Connection c, SqlEndpoint endpoint) throws SQLException {
        return endpoint.path() == null ? java.util.Optional.empty() : SqliteLockFile.of(endpoint.path()).stale();
    }

    @Override
    public String where(SqlEndpoint endpoint) {
        return "SQLite file " + endpoint.path();
    }

    @Override
    public String grantAdvice(SqlEndpoint endpoint, String user) {
        return "make " + endpoint.path() + " and its directory writable by " + user + " and connect with mode=rwc, or use another file";
    }

    @Override
    public java.util.List<String> sequenceResets(long nextWorkerId, long nextObjectId, long nextUserId) {
        // INTEGER PRIMARY KEY AUTOINCREMENT follows explicitly inserted ids by itself; only object's may need to go
        // further, past ids of relations that were dropped and never inserted.
        long last = nextObjectId - 1;
        return java.util.List.of("UPDATE sqlite_sequence SET seq = MAX(seq, " + last + ") WHERE name = 'object'",
                "INSERT INTO sqlite_sequence (name, seq) SELECT 'object', " + last
                        + " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'object')");
    }

    /** sqlx-sqlite stores chrono::NaiveDateTime as text "%F %T%.f": no fraction when it is zero. */
    @Override
    public Object timestampParameter(java.time.LocalDateTime t) {
        String base = t.withNano(0).toString().replace('T', ' ');
        if (base.length() == 16) {
            base += ":00";
        }
        int millis = t.getNano() / 1_000_000;
        return millis == 0 ? base : base + String.format(".%03d", millis);
    }

    @Override
    public long nextId(Connection c, String table, String column) throws SQLException {
        try (java.sql.PreparedStatement p = c.prepareStatement("SELECT seq FROM sqlite_sequence WHERE name = ?")) {
            p.setString(1, table);
            try (java.sql.ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) + 1 : 1;
            }
        }
    }
}
