package dev.rwsh.commands.testsupport;

import dev.rwsh.commands.sql.SqlEndpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database of its own for one test class, on the shared test servers, so that tests never touch
 * the shared {@code rwsh} databases or each other: created through the admin URL with an owner
 * user of its own, dropped with its users by {@link #close()}. For SQLite, a file in a directory
 * the caller gives (a JUnit @TempDir).
 */
public final class ScratchDatabase implements AutoCloseable {
    private final String backend;
    private final String name;
    private final String adminUrl;
    private final String url;
    private final Path sqliteFile;
    private final List<String> users = new ArrayList<>();

    private ScratchDatabase(String backend, String name, String adminUrl, String url, Path sqliteFile) {
        this.backend = backend;
        this.name = name;
        this.adminUrl = adminUrl;
        this.url = url;
        this.sqliteFile = sqliteFile;
    }

    private static String uniqueName() {
        return "rwsh_i4_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public static ScratchDatabase postgres() {
        String name = uniqueName();
        String admin = TestServices.postgresAdminUrl();
        SqlAdmin.execute(admin, "CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'", "CREATE DATABASE " + name + " OWNER " + name);
        ScratchDatabase db = new ScratchDatabase("postgres", name, admin, SqlAdmin.withCredentials(admin, name, name, name), null);
        db.users.add(name);
        return db;
    }

    public static ScratchDatabase mysql() {
        String name = uniqueName();
        String admin = TestServices.mysqlAdminUrl();
        SqlAdmin.execute(admin, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        ScratchDatabase db = new ScratchDatabase("mysql", name, admin, SqlAdmin.withCredentials(admin, name, name, name), null);
        db.createMysqlUser(name, "ALL PRIVILEGES");
        return db;
    }

    public static ScratchDatabase sqlite(Path dir) {
        Path file = dir.resolve("meta.db");
        return new ScratchDatabase("sqlite", file.getFileName().toString(), null, "sqlite://" + file + "?mode=rwc", file);
    }

    public String backend() {
        return backend;
    }

    public String name() {
        return name;
    }

    /** The endpoint of the database's owner (PG) or of a user with ALL PRIVILEGES on it (MySQL). */
    public String url() {
        return url;
    }

    /** Statements run in this database as the administrator (superuser / root-like). */
    public void admin(String... statements) {
        if (sqliteFile != null) {
            throw new IllegalStateException("SQLite has no administrator: use the connection itself");
        }
        SqlEndpoint a = SqlEndpoint.parse(adminUrl);
        SqlAdmin.execute(SqlAdmin.withCredentials(adminUrl, a.user(), a.password(), name), statements);
    }

    /**
     * A user who may connect and read (the tables that exist now, on PostgreSQL) but not create
     * tables; returns its endpoint. Created once; later calls grant reading on the tables made since.
     */
    public String readOnlyUser() {
        String user = name + "_ro";
        if (users.contains(user)) {
            if ("postgres".equals(backend)) {
                admin("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + user);
            }
            return SqlAdmin.withCredentials(adminUrl, user, user, name);
        }
        if ("postgres".equals(backend)) {
            SqlAdmin.execute(adminUrl, "CREATE ROLE " + user + " LOGIN PASSWORD '" + user + "'",
                    "GRANT CONNECT ON DATABASE " + name + " TO " + user);
            // PostgreSQL 15 gives PUBLIC no CREATE on schema public: this user can read, not create.
            admin("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + user);
            users.add(user);
        } else {
            createMysqlUser(user, "SELECT");
        }
        return SqlAdmin.withCredentials(adminUrl, user, user, name);
    }

    private void createMysqlUser(String user, String privileges) {
        for (String host : List.of("127.0.0.1", "localhost", "%")) {
            SqlAdmin.execute(adminUrl, "CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + user + "'",
                    "GRANT " + privileges + " ON `" + name + "`.* TO '" + user + "'@'" + host + "'");
        }
        users.add(user);
    }

    @Override
    public void close() {
        if ("postgres".equals(backend)) {
            List<String> sql = new ArrayList<>();
            sql.add("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            for (String u : users) {
                sql.add("DROP ROLE IF EXISTS " + u);
            }
            SqlAdmin.execute(adminUrl, sql.toArray(new String[0]));
        } else if ("mysql".equals(backend)) {
            List<String> sql = new ArrayList<>();
            sql.add("DROP DATABASE IF EXISTS `" + name + "`");
            for (String u : users) {
                for (String host : List.of("127.0.0.1", "localhost", "%")) {
                    sql.add("DROP USER IF EXISTS '" + u + "'@'" + host + "'");
                }
            }
            SqlAdmin.execute(adminUrl, sql.toArray(new String[0]));
        }
    }
}
