package dev.rwsh.commands.sql;

import dev.rwsh.commands.PasswordPrompt;
import dev.rwsh.commands.RwshException;
import java.util.function.Function;

/**
 * Where the SQL password comes from, so that it need not be on a command line (where {@code ps}
 * shows it). First match wins: the URL's own password ({@code USER:PASS@} or {@code password=}),
 * then {@code --password-prompt}, then the environment: {@code RWSH_SQL_PASSWORD} (any backend),
 * then the backend's own variable, {@code PGPASSWORD} for PostgreSQL or {@code MYSQL_PWD} for MySQL.
 */
public final class SqlPasswords {
    public static final String RWSH_SQL_PASSWORD = "RWSH_SQL_PASSWORD";
    public static final String PGPASSWORD = "PGPASSWORD";
    public static final String MYSQL_PWD = "MYSQL_PWD";

    private SqlPasswords() {
    }

    /**
     * The endpoint with its password. {@code prompt} is null unless {@code --password-prompt} was
     * given, and may not be combined with a password in the URL.
     */
    public static SqlEndpoint resolve(SqlEndpoint endpoint, PasswordPrompt prompt, Function<String, String> environment) {
        if (endpoint.backend() == SqlBackend.SQLITE) {
            if (prompt != null) {
                throw RwshException.usage("--password-prompt: a SQLite endpoint takes no password");
            }
            return endpoint;
        }
        if (endpoint.password() != null) {
            if (prompt != null) {
                throw RwshException.usage("the endpoint " + endpoint.display() + " already carries a password: drop it from the URL "
                        + "or drop --password-prompt");
            }
            return endpoint;
        }
        if (prompt != null) {
            String typed = prompt.ask(endpoint.backend().rwName() + " password for " + (endpoint.user() == null ? "" : endpoint.user() + "@")
                    + endpoint.host() + ":" + endpoint.port() + ": ");
            return endpoint.withPassword(typed, "the prompt");
        }
        for (String name : new String[] {RWSH_SQL_PASSWORD, endpoint.backend() == SqlBackend.POSTGRES ? PGPASSWORD : MYSQL_PWD}) {
            String value = environment.apply(name);
            if (value != null && !value.isEmpty()) {
                return endpoint.withPassword(value, name);
            }
        }
        return endpoint;
    }
}
