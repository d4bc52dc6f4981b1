package dev.rwsh.commands.sql;

import dev.rwsh.commands.sql.SqlFailure.Kind;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** Turns driver exceptions into one line that says what failed and what to do, with a {@link Kind} for callers. */
public final class SqlErrors {
    private SqlErrors() {
    }

    /** A failure while opening a connection: a refused privilege here is the database's CONNECT. */
    public static SqlFailure explainConnect(SqlEndpoint endpoint, Throwable error) {
        return explain(endpoint, "connect to", error, true, null);
    }

    public static SqlFailure explain(SqlEndpoint endpoint, String action, Throwable error) {
        return explain(endpoint, action, error, false, null);
    }

    /**
     * A failure on an open connection. A refused privilege is diagnosed on another connection from
     * the pool (the failed one may be in an aborted transaction): which object, and the GRANT to run.
     */
    public static SqlFailure explain(SqlConnection sql, String action, Throwable error) {
        return explain(sql.endpoint(), action, error, false, sql);
    }

    private static SqlFailure explain(SqlEndpoint endpoint, String action, Throwable error, boolean connecting, SqlConnection pool) {
        SQLException sql = find(error, SQLException.class);
        String where = endpoint.backend().rwName() + (endpoint.host() == null ? " at " + endpoint.path() : " at " + endpoint.host() + ":" + endpoint.port());
        if (find(error, UnknownHostException.class) != null) {
            return failure(Kind.UNKNOWN_HOST, "could not " + action + " " + where + ": unknown host '" + endpoint.host() + "'", "check the endpoint", error);
        }
        if (!connecting && sql != null && isConnectionLost(sql)) {
            return failure(Kind.CONNECTION_LOST, "the connection to " + where + " was lost while trying to " + action + " it (the server stopped, "
                    + "restarted or the network broke): " + firstLine(sql.getMessage()), "check that the server is up, then run the command again", error);
        }
        if (find(error, ConnectException.class) != null || (sql != null && isLinkFailure(sql))) {
            return failure(Kind.UNREACHABLE, "could not " + action + " " + where + ": nothing answers there",
                    "check that the server is running and the host and port are right", error);
        }
        if (sql != null) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            int code = sql.getErrorCode();
            if (state.equals("28P01") || state.equals("28000") || code == 1045) {
                String source = endpoint.passwordNote().isEmpty() ? null : endpoint.passwordSource();
                return failure(Kind.CREDENTIALS_REFUSED, "could not " + action + " " + where + ": the server refused user '" + endpoint.user() + "'"
                        + (source == null ? "" : " with the password from " + source) + " (bad user or password)",
                        "check the credentials in the endpoint" + (source == null ? "" : " and " + source), error);
            }
            if (state.equals("3D000") || code == 1049) {
                return failure(Kind.NO_DATABASE, "database '" + endpoint.database() + "' does not exist on " + where,
                        "create it with CREATE DATABASE " + quoteIdent(endpoint, endpoint.database()) + "; as a user allowed to, then connect again", error);
            }
            if (code == 1044 || (connecting && state.equals("42501"))) {
                // refused at connection time: the privilege to use the database at all
                String grant = endpoint.backend() == SqlBackend.MYSQL
                        ? "as an administrator run GRANT ALL PRIVILEGES ON " + quoteIdent(endpoint, endpoint.database()) + ".* TO '" + endpoint.user() + "'@'%';"
                        : "as the database owner run GRANT CONNECT ON DATABASE " + quoteIdent(endpoint, endpoint.database()) + " TO "
                                + quoteIdent(endpoint, endpoint.user()) + ";";
                return failure(Kind.NO_DATABASE_ACCESS, "could not " + action + " " + where + ": user '" + endpoint.user() + "' may not use database '"
                        + endpoint.database() + "'", grant + " (or use another user)", error);
            }
            if (isPermissionDenied(sql)) {
                String advice = pool == null ? null : diagnose(pool);
                return failure(Kind.PERMISSION_DENIED, "could not " + action + " " + where + ": " + firstLine(sql.getMessage())
                        + " (SQLSTATE " + state + ")", advice == null ? "grant the user the privileges it lacks, or use another user" : advice, error);
            }
            return failure(Kind.OTHER, "could not " + action + " " + where + ": " + firstLine(sql.getMessage())
                    + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), "", error);
        }
        return failure(Kind.OTHER, "could not " + action + " " + where + ": " + firstLine(rootMessage(error)), "", error);
    }

    private static SqlFailure failure(Kind kind, String what, String fix, Throwable cause) {
        return SqlFailure.of(kind, what, fix, cause);
    }

    /** What is missing and the GRANT to run, found in the server's catalog; null when that cannot be read. */
    private static String diagnose(SqlConnection sql) {
        try (Connection c = sql.dataSource().getConnection()) {
            return SqlDialect.of(sql.backend(), c).permissionAdvice(c, sql.endpoint());
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }

    /** SQLSTATE 42501 (PostgreSQL, SQL standard) or MySQL's table, column and command denials. */
    static boolean isPermissionDenied(SQLException e) {
        int code = e.getErrorCode();
        return "42501".equals(e.getSQLState()) || code == 1142 || code == 1143 || code == 1227 || code == 1370;
    }

    static String quoteIdent(SqlEndpoint endpoint, String ident) {
        String id = String.valueOf(ident);
        if (id.matches("[a-z_][a-z0-9_]*")) {
            return id;
        }
        return endpoint.backend() == SqlBackend.MYSQL ? "`" + id.replace("`", "``") + "`" : "\"" + id.replace("\"", "\"\"") + "\"";
    }

    /** A connection that was open and went away: SQLSTATE 08003/08006/08S01 after the connection was made. */
    private static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLRecoverableException || "08003".equals(state) || "08006".equals(state) || "08S01".equals(state)
                || e instanceof SQLNonTransientConnectionException && "08003".equals(state)
                || e instanceof SQLTransientConnectionException && state != null && state.startsWith("08");
    }

    private static boolean isLinkFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("08001") || state.equals("08S01") || state.equals("08006"));
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return SecretText.mask(nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
