package dev.rwsh.commands.preflight;

import dev.rwsh.commands.preflight.PreflightCommand.Check;
import dev.rwsh.commands.sql.BulkPath;
import java.util.List;

/** How migrate will send rows to the target; a warning when a faster path the target has is off (MySQL's local_infile). */
final class BulkPathCheck extends PreflightCheck {
    BulkPathCheck() {
        super("bulk path");
    }

    @Override
    public List<Check> run(PreflightContext context) {
        BulkPath path = context.dialect.bulkPath();
        return List.of(path.fallback() ? warning(path.method() + ": slower, " + path.slowerBecause(), path.enable()) : ok(path.method()));
    }
}
