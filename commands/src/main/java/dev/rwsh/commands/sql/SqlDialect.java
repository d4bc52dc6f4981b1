package dev.rwsh.commands.sql;

import dev.rwsh.commands.RwshException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything that differs between the SQL meta store backends, in one place per backend: quoting,
 * whether DDL is transactional, how to read the catalog and what its values mean, read-only
 * transactions, the write-permission probe, session settings RisingWave's driver uses, and how a
 * UUID is bound. The schema commands and the etcd-to-SQL migration go through this and never
 * branch on the backend themselves.
 */
public abstract sealed class SqlDialect permits PostgresDialect, MysqlDialect, SqliteDialect {
    private final SqlBackend backend;
    private final String product;
    private final String version;

    /**
     * @param product "PostgreSQL", "MariaDB", "MySQL" or "SQLite"
     * @param version the server's version, as {@link #serverName} shows it
     */
    SqlDialect(SqlBackend backend, String product, String version) {
        this.backend = backend;
        this.product = product;
        this.version = version;
    }

    /** The dialect of the server behind {@code c} (MySQL and MariaDB are told apart by their version string). */
    public static SqlDialect of(SqlBackend backend, Connection c) throws SQLException {
        return switch (backend) {
            case POSTGRES -> new PostgresDialect(c.getMetaData().getDatabaseProductVersion());
            case SQLITE -> new SqliteDialect(c.getMetaData().getDatabaseProductVersion());
            case MYSQL -> MysqlDialect.detect(c);
        };
    }

    public SqlBackend backend() {
        return backend;
    }

    /** The server as a person would name it: "PostgreSQL 15.18", "MariaDB 10.11.6", "MySQL 8.0.36", "SQLite 3.46.1". */
    public String serverName() {
        return product + " " + version;
    }

    /** Quotes an identifier the way sea-query does for this backend. */
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Whether CREATE/ALTER/DROP TABLE take part in a transaction (PostgreSQL, SQLite) or commit at once (MySQL). */
    public boolean transactionalDdl() {
        return true;
    }

    /**
     * The tables and views of the database rwsh works in (PostgreSQL: {@code current_schema()}),
     * name to "table" or "view"; SQLite's own {@code sqlite_*} tables are left out.
     */
    public abstract Map<String, String> relations(Connection c) throws SQLException;

    /** The base tables among {@link #relations}. */
    public List<String> tableNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        relations(c).forEach((name, kind) -> {
            if (kind.equals("table")) {
                names.add(name);
            }
        });
        names.sort(Comparator.naturalOrder());
        return names;
    }

    public long countRows(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The raw catalog of the named tables (those that exist), as the server reports it. */
    public abstract Catalog.Schema readCatalog(Connection c, Collection<String> tables) throws SQLException;

    /**
     * The canonical form of a raw catalog table, for comparison: what legitimately varies between
     * servers of one backend (type spelling, how a missing default or JSON is shown, RESTRICT vs
     * NO ACTION on MySQL) is folded away; everything RisingWave depends on is kept.
     */
    public abstract Catalog.Table normalize(Catalog.Table raw);

    /**
     * The dialect that reads {@code expected-schema.json}'s entries for this backend: the catalog
     * values there were recorded on one particular server (MariaDB 10.11 for the MySQL family).
     */
    public SqlDialect recordedDialect() {
        return this;
    }

    /** Starts a transaction in which the server itself refuses every write. */
    public abstract void beginReadOnly(Connection c) throws SQLException;

    /** Ends what {@link #beginReadOnly} started, without committing anything. */
    public abstract void endReadOnly(Connection c) throws SQLException;

    /**
     * Starts a read-only transaction that sees one snapshot for all its statements (repeatable
     * read where the backend has it; SQLite's deferred transaction reads one snapshot by itself).
     * Ended with {@link #endReadOnly}.
     */
    public void beginConsistentRead(Connection c) throws SQLException {
        beginReadOnly(c);
    }

    /** The fetch size that makes the driver stream a large result instead of loading it whole. */
    public int streamingFetchSize() {
        return 1_000;
    }

    /** The id the auto-increment of {@code table.column} hands out next (worker, object, user). */
    public abstract long nextId(Connection c, String table, String column) throws SQLException;

    /** The leading keywords of a statement {@code sql query} lets through to the read-only transaction. */
    public abstract Set<String> readOnlyKeywords();

    /** A backend-specific reason to refuse a read-only query that passed the keyword test, or null. */
    public String refuseReadOnly(String firstKeyword, String strippedSql) {
        return null;
    }

    /** Session settings RisingWave's driver (sqlx) uses, so that defaults such as CURRENT_TIMESTAMP land as they would under RisingWave. */
    public abstract void prepareWriteSession(Connection c) throws SQLException;

    /**
     * Session settings for migrate's one bulk-loading transaction, set before it begins (nothing
     * that gives up its rollback); the returned restores the session's own settings once it ended.
     */
    public BulkLoad beginBulkLoad(Connection c) throws SQLException {
        return () -> { };
    }

    /** Restores the settings {@link #beginBulkLoad} changed. */
    public interface BulkLoad {
        void restore() throws SQLException;
    }

    /**
     * Database-wide settings a schema create changes and cannot roll back (MySQL: the default
     * character set and collation, which migration 001 sets), described for messages; null where
     * there are none.
     */
    public String databaseSettings(Connection c) throws SQLException {
        return null;
    }

    /** Puts back what {@link #databaseSettings} described. */
    public void restoreDatabaseSettings(Connection c, String settings) throws SQLException {
    }

    /**
     * Proves, leaving nothing behind, that the user may create, fill and drop tables in this
     * database; otherwise throws a one-line {@link RwshException} saying what to grant.
     * Runs with auto-commit on and leaves it on.
     */
    public abstract void checkCanCreate(Connection c, SqlEndpoint endpoint) throws SQLException;

    /** The value to bind for a UUID column: how sqlx encodes {@code uuid::Uuid} on this backend. */
    public abstract Object uuidParameter(UUID id);

    /** How migrate sends rows to this target (batched INSERT unless a backend has a faster path). */
    public BulkPath bulkPath() {
        return BulkPath.of(BulkPath.Kind.BATCHED_INSERT);
    }

    /** The placeholder for a JSON value bound as text ({@code jsonb} on PostgreSQL needs a cast). */
    public String jsonPlaceholder() {
        return "?";
    }

    /** The value to bind for a naive UTC date-time column: how sqlx encodes {@code chrono::NaiveDateTime} here. */
    public Object timestampParameter(java.time.LocalDateTime t) {
        return t;
    }

    /**
     * The statements that move the auto-increment sequences of worker, object and user past the
     * migrated rows, as RisingWave v2.0.7's migration runs them, and the object sequence to at least
     * {@code nextObjectId} (one above every object id of the etcd metadata: v2.0.7 keeps the rows of
     * relations it filters out, so its sequence ends there even where rwsh drops those rows).
     */
    public abstract List<String> sequenceResets(long nextWorkerId, long nextObjectId, long nextUserId);

    /**
     * Why this target cannot store text with characters outside Unicode's Basic Multilingual Plane
     * (4 bytes in UTF-8), or null when it stores any text exactly.
     */
    public String textLimit() {
        return null;
    }

    /**
     * Takes the migration lock of this target on {@code c}'s session without waiting, and records
     * {@code me} as its holder where a second run can read it; or says who holds it. The lock lives
     * as long as the session (or, for SQLite, the process), so a killed run never leaves it held.
     */
    public abstract TargetLock.Attempt tryLockTarget(Connection c, SqlEndpoint endpoint, LockHolder me) throws SQLException;

    /**
     * Who holds the migration lock of this target now; empty when nobody does, or when the holder
     * recorded is a process of this host that is gone (its session is ending: the server has not
     * seen its socket close yet).
     */
    public abstract java.util.Optional<String> targetLockHolder(Connection c, SqlEndpoint endpoint) throws SQLException;

    /**
     * A holder record a killed run left behind although nobody holds the lock, with how to clear it
     * (it never blocks a migration); empty when there is none, or none can be left (PostgreSQL).
     */
    public java.util.Optional<String> staleTargetLock(Connection c, SqlEndpoint endpoint) throws SQLException {
        return java.util.Optional.empty();
    }

    /** The user rwsh acts as, for messages. */
    public abstract String currentUser(Connection c) throws SQLException;

    /** Whether the error is the server refusing a privilege. */
    public abstract boolean isPermissionDenied(SQLException e);

    /** Where the tables live, for messages: "database rwsh", "schema public of database rwsh", "file /x/meta.db". */
    public abstract String where(SqlEndpoint endpoint);

    /** Explains a failed write as one line; permission errors say what to grant. */
    public SqlFailure explainWrite(SqlEndpoint endpoint, Connection c, String action, SQLException e) {
        return explainRefusal(endpoint, c, action, e, false);
    }

    /** Explains a failed DROP TABLE as one line; permission errors say what lets the user drop. */
    public SqlFailure explainDrop(SqlEndpoint endpoint, Connection c, SQLException e) {
        return explainRefusal(endpoint, c, "drop tables", e, true);
    }

    private SqlFailure explainRefusal(SqlEndpoint endpoint, Connection c, String action, SQLException e, boolean dropping) {
        if (isPermissionDenied(e)) {
            String user;
            try {
                user = currentUser(c);
            } catch (SQLException | RuntimeException ignored) {
                user = endpoint.user();
            }
            return SqlFailure.of(SqlFailure.Kind.PERMISSION_DENIED, "user " + user + " may not " + action + " in " + where(endpoint) + ": "
                    + firstLine(e.getMessage()), dropping ? dropAdvice(endpoint, user) : grantAdvice(endpoint, user), e);
        }
        return SqlFailure.of(SqlFailure.Kind.OTHER, "could not " + action + " in " + where(endpoint) + ": " + firstLine(e.getMessage())
                + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), "", e);
    }

    /** What an administrator runs so that {@code user} may create and write RisingWave's tables. */
    public abstract String grantAdvice(SqlEndpoint endpoint, String user);

    /**
     * After the server refused a privilege: which one the current user lacks, read from the
     * server's catalog on the healthy connection {@code c}, and the exact GRANT to run.
     */
    public String permissionAdvice(Connection c, SqlEndpoint endpoint) throws SQLException {
        return grantAdvice(endpoint, currentUser(c));
    }

    /** What to do so that {@code user} may drop RisingWave's tables. */
    public String dropAdvice(SqlEndpoint endpoint, String user) {
        return grantAdvice(endpoint, user);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return dev.rwsh.commands.sql.SecretText.mask(nl < 0 ? message : message.substring(0, nl)).trim();
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /**
     * Creates a probe table and inserts a row inside a transaction that is always rolled back, so
     * nothing is left behind; a refusal becomes {@link #explainWrite}'s one-line error. For backends
     * whose DDL is transactional.
     */
    final void probeCreateInTransaction(Connection c, SqlEndpoint endpoint) throws SQLException {
        String probe = quote(probeTableName());
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + probe + " (id integer PRIMARY KEY)");
            s.execute("INSERT INTO " + probe + " (id) VALUES (1)");
        } catch (SQLException e) {
            c.rollback(); // PostgreSQL accepts no statement in an aborted transaction, and explainWrite may run one
            throw explainWrite(endpoint, c, "create tables", e);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    static String probeTableName() {
        return "_rwsh_probe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static byte[] uuidBytes(UUID id) {
        byte[] out = new byte[16];
        long hi = id.getMostSignificantBits();
        long lo = id.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hi >>> (56 - 8 * i));
            out[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return out;
    }

    /** Sorts the lists of a normalized table so that two catalogs compare in one order. */
    static Catalog.Table sorted(Catalog.Table t) {
        List<Catalog.ForeignKey> fks = new ArrayList<>(t.foreignKeys());
        fks.sort(Comparator.comparing((Catalog.ForeignKey f) -> f.name() == null ? "" : f.name()).thenComparing(Catalog.ForeignKey::signature));
        List<Catalog.Index> idx = new ArrayList<>(t.indexes());
        idx.sort(Comparator.comparing(Catalog.Index::name));
        List<Catalog.Unique> uq = new ArrayList<>(t.uniques());
        uq.sort(Comparator.comparing((Catalog.Unique u) -> u.name() == null ? "" : u.name()).thenComparing(u -> String.join(",", u.columns())));
        List<Catalog.Check> ck = new ArrayList<>(t.checks());
        ck.sort(Comparator.comparing(Catalog.Check::name));
        return new Catalog.Table(t.name(), t.columns(), t.primaryKey(), fks, uq, idx, ck, t.collation());
    }

    /** "current_timestamp", whatever the server made of {@code DEFAULT CURRENT_TIMESTAMP}. */
    static String normalizeDefault(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        String l = lower(v);
        if (l.equals("current_timestamp") || l.equals("current_timestamp()") || l.equals("now()")) {
            return "current_timestamp";
        }
        return v;
    }
}
