package dev.rwsh.commands.sql;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL 8 and MariaDB (both spoken to with mysql-connector-j). Everything MySQL-only lives here:
 * DDL commits at once, AUTO_INCREMENT, {@code json} (a real type on MySQL 8, LONGTEXT with a
 * {@code json_valid} CHECK on MariaDB), the {@code utf8_bin} database collation RisingWave sets,
 * back-quoted identifiers, grants, and how the two servers' catalogs differ. See
 * docs/mysql-vs-mariadb.md.
 */
public final class MysqlDialect extends SqlDialect {

    /** Which server of the family. */
    public enum Flavor {
        MYSQL, MARIADB
    }

    /** The privileges RisingWave's migrations and its meta node need on the database. */
    enum Privilege {
        SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, REFERENCES
    }

    /**
     * Whether {@code LOAD DATA LOCAL INFILE} may send rows on this connection: the server's
     * {@code local_infile} (on by default in MariaDB, off in MySQL 8) and the driver's
     * {@code allowLoadLocalInfile} (rwsh turns it on unless the endpoint says otherwise) must both be on.
     */
    public enum LocalInfile {
        ON, SERVER_OFF, DRIVER_OFF,
        /** a dialect made without asking a server */
        UNKNOWN
    }

    private final Flavor flavor;
    private final LocalInfile localInfile;

    MysqlDialect(Flavor flavor, String version) {
        this(flavor, version, LocalInfile.UNKNOWN);
    }

    private MysqlDialect(Flavor flavor, String version, LocalInfile localInfile) {
        super(SqlBackend.MYSQL, flavor == Flavor.MARIADB ? "MariaDB" : "MySQL", version.replaceFirst("-MariaDB.*$", ""));
        this.flavor = flavor;
        this.localInfile = localInfile;
    }

    static MysqlDialect detect(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION(), @@local_infile")) {
            rs.next();
            String v = rs.getString(1);
            boolean server = rs.getBoolean(2);
            boolean driver = c.isWrapperFor(JdbcConnection.class)
                    && c.unwrap(JdbcConnection.class).getPropertySet().getBooleanProperty(PropertyKey.allowLoadLocalInfile).getValue();
            LocalInfile localInfile = !driver ? LocalInfile.DRIVER_OFF : server ? LocalInfile.ON : LocalInfile.SERVER_OFF;
            return new MysqlDialect(v.contains("MariaDB") ? Flavor.MARIADB : Flavor.MYSQL, v, localInfile);
        }
    }

    /** A dialect for catalog values recorded on a MariaDB server. */
    public static MysqlDialect mariadb(String version) {
        return new MysqlDialect(Flavor.MARIADB, version);
    }

    /** A dialect for a server of the given flavor, without asking it (for catalogs read elsewhere). */
    public static MysqlDialect of(Flavor flavor, String version) {
        return new MysqlDialect(flavor, version);
    }

    public Flavor flavor() {
        return flavor;
    }

    public LocalInfile localInfile() {
        return localInfile;
    }

    @Override
    public BulkPath bulkPath() {
        return switch (localInfile) {
            case ON -> BulkPath.of(BulkPath.Kind.LOAD_DATA);
            case SERVER_OFF -> new BulkPath(BulkPath.Kind.BATCHED_INSERT, "the server has local_infile off",
                    "to use the faster LOAD DATA LOCAL INFILE, as an administrator run SET GLOBAL local_infile = 1");
            case DRIVER_OFF -> new BulkPath(BulkPath.Kind.BATCHED_INSERT, "the endpoint sets allowLoadLocalInfile=false",
                    "to use the faster LOAD DATA LOCAL INFILE, remove allowLoadLocalInfile=false from the endpoint");
            case UNKNOWN -> BulkPath.of(BulkPath.Kind.BATCHED_INSERT);
        };
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    public SqlDialect recordedDialect() {
        // expected-schema.json's MySQL catalog was recorded on MariaDB 10.11.
        return flavor == Flavor.MARIADB ? this : mariadb("10.11");
    }

    @Override
    public Map<String, String> relations(Connection c) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2).equals("BASE TABLE") ? "table" : "view");
            }
        }
        return out;
    }

    @Override
    public Catalog.Schema readCatalog(Connection c, Collection<String> tables) throws SQLException {
        return MysqlCatalogReader.read(c, tables, flavor);
    }

    private static final Pattern JSON_VALID = Pattern.compile("(?i)^\\(?\\s*json_valid\\s*\\(\\s*`?([^`()]+)`?\\s*\\)\\s*\\)?$");
    private static final Set<String> LENGTH_TYPES = Set.of("varchar", "char", "varbinary", "binary");

    @Override
    public Catalog.Table normalize(Catalog.Table raw) {
        // MariaDB's JSON is LONGTEXT plus CHECK (json_valid(`col`)): fold the pair back into "json".
        Set<String> jsonColumns = new HashSet<>();
        List<Catalog.Check> checks = new ArrayList<>();
        for (Catalog.Check check : raw.checks()) {
            Matcher m = JSON_VALID.matcher(check.clause().trim());
            Catalog.Column col = m.matches() ? raw.column(m.group(1)) : null;
            if (flavor == Flavor.MARIADB && col != null && lower(col.dataType()).equals("longtext")) {
                jsonColumns.add(col.name());
            } else {
                checks.add(check);
            }
        }
        List<Catalog.Column> cols = new ArrayList<>();
        for (Catalog.Column c : raw.columns()) {
            String dataType = lower(c.dataType());
            String type;
            String collation = normalizeCollation(c.collation());
            if (jsonColumns.contains(c.name()) || dataType.equals("json")) {
                type = "json";
                collation = null; // MariaDB gives JSON utf8mb4_bin whatever the table says; MySQL 8 none
            } else if (dataType.equals("tinyint") && lower(c.type()).startsWith("tinyint(1)")) {
                type = "tinyint(1)"; // what sea-query's bool becomes on both servers
            } else if (LENGTH_TYPES.contains(dataType) && c.charLength() != null) {
                type = dataType + "(" + c.charLength() + ")";
            } else {
                type = dataType; // int(11) on MariaDB is int on MySQL 8.0.19+: display widths mean nothing
            }
            cols.add(new Catalog.Column(c.name(), type, null, null, c.nullable(), normalizeMysqlDefault(c.defaultValue()), c.autoIncrement(), collation));
        }
        List<Catalog.ForeignKey> fks = new ArrayList<>();
        for (Catalog.ForeignKey fk : raw.foreignKeys()) {
            fks.add(new Catalog.ForeignKey(fk.name(), fk.columns(), fk.refTable(), fk.refColumns(), rule(fk.onDelete()), rule(fk.onUpdate())));
        }
        return sorted(new Catalog.Table(raw.name(), cols, raw.primaryKey(), fks, raw.uniques(), raw.indexes(), checks,
                normalizeCollation(raw.collation())));
    }

    /** InnoDB enforces RESTRICT and NO ACTION alike, and MariaDB reports an unspecified action as RESTRICT. */
    private static String rule(String r) {
        return r == null || r.equals("RESTRICT") ? "NO ACTION" : r;
    }

    /** utf8 is utf8mb3: MySQL before 8.0.30 and MariaDB before 10.6 report utf8_bin, later ones utf8mb3_bin. */
    static String normalizeCollation(String collation) {
        if (collation == null) {
            return null;
        }
        return collation.startsWith("utf8_") ? "utf8mb3_" + collation.substring("utf8_".length()) : collation;
    }

    /**
     * MariaDB shows "no default" on a nullable column as the bare word NULL and quotes string
     * defaults; MySQL 8 shows SQL NULL and bare strings. CURRENT_TIMESTAMP comes as
     * current_timestamp() on MariaDB.
     */
    static String normalizeMysqlDefault(String value) {
        if (value == null || value.equals("NULL")) {
            return null;
        }
        String v = value;
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            v = v.substring(1, v.length() - 1).replace("''", "'");
        }
        return normalizeDefault(v);
    }

    @Override
    public void beginReadOnly(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("START TRANSACTION READ ONLY");
        }
    }

    @Override
    public void endReadOnly(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        }
    }

    @Override
    public Set<String> readOnlyKeywords() {
        return Set.of("SELECT", "WITH", "EXPLAIN", "SHOW", "DESCRIBE", "DESC", "VALUES", "TABLE");
    }

    private static final Pattern INTO_FILE = Pattern.compile("(?i)\\bINTO\\s+(OUTFILE|DUMPFILE)\\b");

    @Override
    public String refuseReadOnly(String firstKeyword, String strippedSql) {
        if (INTO_FILE.matcher(strippedSql).find()) {
            return "SELECT ... INTO OUTFILE/DUMPFILE writes a file on the server";
        }
        return null;
    }

    @Override
    public void prepareWriteSession(Connection c) throws SQLException {
        // What sqlx-mysql sets on every connection RisingWave opens.
        try (Statement s = c.createStatement()) {
            s.execute("SET sql_mode=(SELECT CONCAT(@@sql_mode, ',PIPES_AS_CONCAT,NO_ENGINE_SUBSTITUTION')), time_zone='+00:00'");
        }
    }

    /** The database's default character set and collation, "CHARSET COLLATION", which migration 001 changes with ALTER DATABASE. */
    @Override
    public String databaseSettings(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@character_set_database, @@collation_database")) {
            rs.next();
            return rs.getString(1) + " " + rs.getString(2);
        }
    }

    @Override
    public void restoreDatabaseSettings(Connection c, String settings) throws SQLException {
        String[] parts = settings.split(" ");
        if (!parts[0].matches("\\w+") || !parts[1].matches("\\w+")) {
            throw new SQLException("unexpected database default '" + settings + "'");
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE CHARACTER SET " + parts[0] + " COLLATE " + parts[1]);
        }
    }

    @Override
    public void checkCanCreate(Connection c, SqlEndpoint endpoint) throws SQLException {
        String user = currentUser(c);
        String database;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
            rs.next();
            database = rs.getString(1);
        }
        // 1. The grants: MySQL DDL cannot be rolled back, so refuse before creating anything.
        MysqlGrants grants = MysqlGrants.read(c, database);
        Set<Privilege> missing = EnumSet.allOf(Privilege.class);
        missing.removeAll(grants.privileges());
        if (!missing.isEmpty() && !grants.viaRoles()) {
            throw SqlFailure.of(SqlFailure.Kind.PERMISSION_DENIED, "user " + user + " may not create RisingWave's tables in database " + database
                    + ": it lacks " + names(missing) + " there", grantAdvice(endpoint, user), null);
        }
        // 2. The proof: a uniquely named probe table, created, written and dropped at once.
        String probe = quote(probeTableName());
        try (Statement s = c.createStatement()) {
            try {
                s.execute("CREATE TABLE " + probe + " (id int PRIMARY KEY)");
            } catch (SQLException e) {
                throw explainWrite(endpoint, c, "create tables", e);
            }
            SQLException insertFailure = null;
            try {
                s.execute("INSERT INTO " + probe + " (id) VALUES (1)");
            } catch (SQLException e) {
                insertFailure = e;
            }
            try {
                s.execute("DROP TABLE " + probe);
            } catch (SQLException e) {
                throw SqlFailure.of(SqlFailure.Kind.PERMISSION_DENIED, "user " + user + " may create but not drop tables in database " + database
                        + ": rwsh's probe table " + probe + " is left there, drop it as an administrator", grantAdvice(endpoint, user), e);
            }
            if (insertFailure != null) {
                throw explainWrite(endpoint, c, "insert rows", insertFailure);
            }
        }
    }

    /** {@link MysqlGrants#parse}. */
    static MysqlGrants parseGrants(List<String> lines, String database) {
        return MysqlGrants.parse(lines, database);
    }

    private static String names(Set<Privilege> privileges) {
        Set<String> out = new TreeSet<>();
        privileges.forEach(p -> out.add(p.name()));
        return String.join(", ", out);
    }

    @Override
    public Object uuidParameter(UUID id) {
        return uuidBytes(id);
    }

    @Override
    public String currentUser(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public boolean isPermissionDenied(SQLException e) {
        int code = e.getErrorCode();
        // 1142 table command denied, 1044 database access denied, 1227 needs a global privilege, 1143 column denied
        return code == 1142 || code == 1044 || code == 1227 || code == 1143;
    }

    /** GET_LOCK names are at most 64 characters: a long database name is replaced by its hash. */
    private static String lockName(Connection c) throws SQLException {
        String database = c.getCatalog();
        String name = "rwsh_migrate." + database;
        return name.length() <= 64 ? name : "rwsh_migrate.#" + Integer.toHexString(database.hashCode());
    }

    /**
     * A user-level lock (GET_LOCK), held by the session; its holder is a row of {@link
     * TargetLock#HOLDER_TABLE}, written once the lock is taken and dropped with it (a killed run
     * leaves the row, which the next run replaces).
     */
    @Override
    public TargetLock.Attempt tryLockTarget(Connection c, SqlEndpoint endpoint, LockHolder me) throws SQLException {
        String name = lockName(c);
        try (java.sql.PreparedStatement p = c.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                if (rs.getInt(1) != 1) {
                    return TargetLock.Attempt.busy(holderRow(c).flatMap(LockHolder::parse), holder(c, name).orElse("a " + serverName()
                            + " session that has just let go of it"));
                }
            }
        }
        TargetLock lock = () -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + quote(TargetLock.HOLDER_TABLE));
            } finally {
                release(c, name);
            }
        };
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + quote(TargetLock.HOLDER_TABLE) + " (`id` INTEGER PRIMARY KEY, `holder` VARCHAR(255) NOT NULL)");
            try (java.sql.PreparedStatement p = c.prepareStatement("REPLACE INTO " + quote(TargetLock.HOLDER_TABLE) + " (`id`, `holder`) VALUES (1, ?)")) {
                p.setString(1, me.encode());
                p.executeUpdate();
            }
        } catch (SQLException e) {
            release(c, name);
            throw e;
        }
        return TargetLock.Attempt.taken(lock);
    }

    private static void release(Connection c, String name) throws SQLException {
        try (java.sql.PreparedStatement p = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            p.setString(1, name);
            p.execute();
        }
    }

    @Override
    public java.util.Optional<String> targetLockHolder(Connection c, SqlEndpoint endpoint) throws SQLException {
        return holderRow(c).flatMap(LockHolder::parse).filter(LockHolder::deadHere).isPresent() ? java.util.Optional.empty()
                : holder(c, lockName(c));
    }

    /** The holder of a held lock: the row it wrote, or the session the server names. */
    private java.util.Optional<String> holder(Connection c, String name) throws SQLException {
        Long session;
        try (java.sql.PreparedStatement p = c.prepareStatement("SELECT IS_USED_LOCK(?)")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                session = rs.wasNull() ? null : id;
            }
        }
        if (session == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(holderRow(c).flatMap(LockHolder::parse).map(LockHolder::describe)
                .orElse(serverName() + " connection " + session));
    }

    private java.util.Optional<String> holderRow(Connection c) throws SQLException {
        if (!relations(c).containsKey(TargetLock.HOLDER_TABLE)) {
            return java.util.Optional.empty();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT `holder` FROM " + quote(TargetLock.HOLDER_TABLE))) {
            return rs.next() ? java.util.Optional.ofNullable(rs.getString(1)) : java.util.Optional.empty();
        }
    }

    @Override
    public java.util.Optional<String> staleTargetLock(Connection c, SqlEndpoint endpoint) throws SQLException {
        java.util.Optional<String> row = holderRow(c);
        if (row.isEmpty() || targetLockHolder(c, endpoint).isPresent()) {
            return java.util.Optional.empty();
        }
        String who = LockHolder.parse(row.get()).map(LockHolder::describe).orElse(row.get());
        return java.util.Optional.of("table " + TargetLock.HOLDER_TABLE + " names a migration (" + who + ") that no longer holds the lock: a "
                + "killed run left it; it blocks nothing (the next migrate replaces it); to clear it: DROP TABLE " + quote(TargetLock.HOLDER_TABLE));
    }

    @Override
    public String where(SqlEndpoint endpoint) {
        return "database " + endpoint.database() + " at " + endpoint.host() + ":" + endpoint.port();
    }

    @Override
    public String grantAdvice(SqlEndpoint endpoint, String user) {
        String account = user == null ? "USER" : user.contains("@") ? quoteAccount(user) : "'" + user + "'";
        return "as an administrator run GRANT ALL PRIVILEGES ON " + quote(endpoint.database()) + ".* TO " + account
                + "; (RisingWave's migrations and meta node need " + names(EnumSet.allOf(Privilege.class)) + "), then try again";
    }

    private static String quoteAccount(String userAtHost) {
        int at = userAtHost.lastIndexOf('@');
        return "'" + userAtHost.substring(0, at) + "'@'" + userAtHost.substring(at + 1) + "'";
    }

    /** RisingWave's schema sets the database collation to utf8_bin (m20230908_072257_init): utf8mb3, at most 3 bytes a character. */
    @Override
    public String textLimit() {
        return "RisingWave's MySQL schema uses the 3-byte character set utf8 (collation utf8_bin), which cannot store it"
                + " (RisingWave v2.0.7 fails there too)";
    }

    @Override
    public java.util.List<String> sequenceResets(long nextWorkerId, long nextObjectId, long nextUserId) {
        return java.util.List.of("ALTER TABLE `worker` AUTO_INCREMENT = " + nextWorkerId, "ALTER TABLE `object` AUTO_INCREMENT = " + nextObjectId,
                "ALTER TABLE `user` AUTO_INCREMENT = " + nextUserId);
    }

    @Override
    public void beginConsistentRead(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        }
    }

    /** Connector/J and MariaDB Connector/J stream a result row by row only with this fetch size. */
    @Override
    public int streamingFetchSize() {
        return Integer.MIN_VALUE;
    }

    @Override
    public long nextId(Connection c, String table, String column) throws SQLException {
        try (java.sql.PreparedStatement p = c.prepareStatement(
                "SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
            p.setString(1, table);
            try (java.sql.ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 1;
            }
        }
    }
}
