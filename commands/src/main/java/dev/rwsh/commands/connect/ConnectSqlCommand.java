package dev.rwsh.commands.connect;

import dev.rwsh.commands.PasswordPrompt;
import dev.rwsh.commands.result.MessageResult;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.sql.SqlPasswords;

/** {@code connect sql}: opens the pool, proves a connection works, and makes it the session's target. */
public final class ConnectSqlCommand {
    private ConnectSqlCommand() {
    }

    public static MessageResult run(Session session, String url) {
        return run(session, url, null);
    }

    /** With {@code prompt} (for --password-prompt) or null: the password comes from the URL, the prompt or the environment ({@link SqlPasswords}). */
    public static MessageResult run(Session session, String url, PasswordPrompt prompt) {
        SqlEndpoint endpoint = SqlPasswords.resolve(SqlEndpoint.parse(url), prompt, session.environment());
        SqlConnection connection = SqlConnector.connect(endpoint);
        try (var probe = connection.open()) {
            // borrowed and returned: the pool works
        } catch (java.sql.SQLException e) {
            connection.close();
            throw dev.rwsh.commands.sql.SqlErrors.explainConnect(endpoint, e);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        session.useSql(connection);
        return new MessageResult("connected to " + endpoint.backend().rwName() + " at " + endpoint.display() + endpoint.passwordNote());
    }
}
