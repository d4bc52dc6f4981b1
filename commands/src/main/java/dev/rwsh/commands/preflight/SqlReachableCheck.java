package dev.rwsh.commands.preflight;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.preflight.PreflightCommand.Check;
import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlFailure;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL server answers and the database exists; when connecting failed, the {@link SqlFailure.Kind}
 * says which of the two (or the credentials) it was.
 */
final class SqlReachableCheck extends PreflightCheck {
    static final String DATABASE_EXISTS = "database exists";
    static final String CREDENTIALS_ACCEPTED = "credentials accepted";
    private static final String SERVER_ANSWERS = "the server answers";

    SqlReachableCheck() {
        super("SQL target reachable");
    }

    @Override
    public List<Check> run(PreflightContext context) throws SQLException {
        try (Statement s = context.connection.createStatement()) {
            s.execute("SELECT 1");
        }
        context.targetAnswered = true;
        List<Check> out = new ArrayList<>();
        out.add(ok(context.dialect.serverName() + ", " + context.dialect.where(context.endpoint)));
        if (context.endpoint.backend() != SqlBackend.SQLITE) {
            out.add(new Check(DATABASE_EXISTS, Outcome.OK.text(), context.endpoint.database(), ""));
        }
        return out;
    }

    /** The report of a connection preflight could not open, and the target checks that could not run. */
    List<Check> connectFailure(RwshException e) {
        String m = e.getMessage();
        SqlFailure.Kind kind = e instanceof SqlFailure f ? f.kind() : SqlFailure.Kind.OTHER;
        String fix = e.fix().isEmpty() ? null : e.fix();
        List<Check> out = new ArrayList<>();
        switch (kind) {
            case NO_DATABASE -> {
                out.add(ok(SERVER_ANSWERS));
                out.add(new Check(DATABASE_EXISTS, Outcome.FAILED.text(), m, fix));
            }
            case CREDENTIALS_REFUSED -> {
                out.add(ok(SERVER_ANSWERS));
                out.add(new Check(CREDENTIALS_ACCEPTED, Outcome.FAILED.text(), m, "correct the user and password in the endpoint"));
            }
            case NO_DATABASE_ACCESS, PERMISSION_DENIED -> {
                out.add(ok(SERVER_ANSWERS));
                out.add(new Check(DATABASE_EXISTS, Outcome.FAILED.text(), m, fix == null ? "grant the user access to the database" : fix));
            }
            default -> out.add(failed(m, "start the SQL server or correct the endpoint"));
        }
        out.addAll(PreflightCheck.notRun("needs a connection to the database", new CreateProbeCheck(), new MigrationLockCheck(), new TargetEmptyCheck()));
        return out;
    }
}
