package dev.rwsh.commands.preflight;

import dev.rwsh.commands.preflight.PreflightCommand.Check;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Nobody holds the lock migrate takes on the target: no other migration into it runs now. */
final class MigrationLockCheck extends PreflightCheck {
    MigrationLockCheck() {
        super("no other migration into the target");
    }

    @Override
    public List<Check> run(PreflightContext context) throws SQLException {
        Optional<String> holder = context.dialect.targetLockHolder(context.connection, context.endpoint);
        return List.of(holder.isPresent()
                ? failed("another migration into " + context.dialect.where(context.endpoint) + " is running (" + holder.get() + ")",
                        "wait for it to finish ('migrate status' where it runs), then run preflight again")
                : ok("nobody holds the target's migration lock"));
    }
}
