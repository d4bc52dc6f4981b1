package dev.rwsh.commands.preflight;

import dev.rwsh.commands.preflight.PreflightCommand.Check;
import java.sql.SQLException;
import java.util.List;

/**
 * One of preflight's checks: reads what it needs from the {@link PreflightContext} (and leaves there
 * what later checks need), and returns its report lines.
 */
interface PreflightCheck {
    /** The name its report line carries. */
    String name();

    List<Check> run(PreflightContext context) throws SQLException;

    default Check ok(String detail) {
        return new Check(name(), Outcome.OK.text(), detail, "");
    }

    default Check warning(String detail, String fix) {
        return new Check(name(), Outcome.WARNING.text(), detail, fix);
    }

    default Check failed(String detail, String fix) {
        return new Check(name(), Outcome.FAILED.text(), detail, fix);
    }

    /** Report lines for checks that could not run, and why. */
    static List<Check> notRun(String why, String... names) {
        return java.util.Arrays.stream(names).map(n -> new Check(n, Outcome.NOT_RUN.text(), why, "")).toList();
    }
}
