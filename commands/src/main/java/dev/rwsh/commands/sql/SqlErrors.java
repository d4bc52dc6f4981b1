package dev.rwsh.commands.sql;

import dev.rwsh.commands.RwshException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns driver exceptions into one line that says what failed and what to do. */
public final class SqlErrors {
    private SqlErrors() {
    }

    public static RwshException explain(SqlEndpoint endpoint, String action, Throwable error) {
        SQLException sql = find(error, SQLException.class);
        String where = endpoint.backend().rwName() + (endpoint.host() == null ? " at " + endpoint.path() : " at " + endpoint.host() + ":" + endpoint.port());
        if (find(error, UnknownHostException.class) != null) {
            return RwshException.failed("could not " + action + " " + where + ": unknown host '" + endpoint.host() + "'; check the endpoint", error);
        }
        if (find(error, ConnectException.class) != null || (sql != null && isLinkFailure(sql))) {
            return RwshException.failed("could not " + action + " " + where + ": nothing answers there; check that the server is running and the host and port are right", error);
        }
        if (sql != null) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            int code = sql.getErrorCode();
            if (state.equals("28P01") || state.equals("28000") || code == 1045) {
                String source = endpoint.passwordNote().isEmpty() ? null : endpoint.passwordSource();
                return RwshException.failed("could not " + action + " " + where + ": the server refused user '" + endpoint.user() + "'"
                        + (source == null ? "" : " with the password from " + source) + " (bad user or password); check the credentials in the endpoint"
                        + (source == null ? "" : " and " + source), error);
            }
            if (state.equals("3D000") || code == 1049) {
                return RwshException.failed("database '" + endpoint.database() + "' does not exist on " + where
                        + ": create it with CREATE DATABASE " + quoteIdent(endpoint) + "; as a user allowed to, then connect again", error);
            }
            if (code == 1044 || state.equals("42501")) {
                return RwshException.failed("could not " + action + " " + where + ": user '" + endpoint.user() + "' may not use database '"
                        + endpoint.database() + "'; grant it access or use another user", error);
            }
            return RwshException.failed("could not " + action + " " + where + ": " + firstLine(sql.getMessage())
                    + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), error);
        }
        return RwshException.failed("could not " + action + " " + where + ": " + firstLine(rootMessage(error)), error);
    }

    private static String quoteIdent(SqlEndpoint endpoint) {
        String db = endpoint.database();
        if (db.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return db;
        }
        return endpoint.backend() == SqlBackend.MYSQL ? "`" + db.replace("`", "``") + "`" : "\"" + db.replace("\"", "\"\"") + "\"";
    }

    private static boolean isLinkFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("08001") || state.equals("08S01") || state.equals("08006"))
                && !(e.getMessage() != null && e.getMessage().contains("password"));
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
        return dev.rwsh.commands.SecretText.mask(nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
