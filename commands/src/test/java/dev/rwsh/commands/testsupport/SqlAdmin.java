package dev.rwsh.commands.testsupport;

import dev.rwsh.commands.sql.SqlEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Administrative SQL for tests (creating roles and databases), through the admin endpoints scripts/test provides. */
public final class SqlAdmin {
    private SqlAdmin() {
    }

    public static void execute(String adminUrl, String... statements) {
        SqlEndpoint endpoint = SqlEndpoint.parse(adminUrl);
        try (Connection c = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("admin SQL failed: " + e.getMessage(), e);
        }
    }

    /** The same server as {@code url}, with another user, password and database. */
    public static String withCredentials(String url, String user, String password, String database) {
        SqlEndpoint e = SqlEndpoint.parse(url);
        return e.backend().rwName() + "://" + user + ":" + password + "@" + e.host() + ":" + e.port() + "/" + database;
    }
}
