package dev.rwsh.commands.preflight;

import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.preflight.PreflightCommand.Check;
import java.sql.SQLException;
import java.util.List;

/** The user may create a table and insert into it: a probe table, rolled back or dropped. */
final class CreateProbeCheck extends PreflightCheck {
    CreateProbeCheck() {
        super("may create tables and insert");
    }

    @Override
    public List<Check> run(PreflightContext context) throws SQLException {
        try {
            context.dialect.checkCanCreate(context.connection, context.endpoint);
            return List.of(ok("user " + context.dialect.currentUser(context.connection)
                    + " created and filled a probe table (rolled back or dropped: nothing left)"));
        } catch (CommandInterruptedException e) {
            throw e; // Ctrl-C stops the command; it is no failed check
        } catch (RwshException e) {
            return List.of(failed(e.getMessage(), e.nextStep()));
        }
    }
}
