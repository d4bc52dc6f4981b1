package dev.rwsh.commands.preflight;

import dev.rwsh.commands.preflight.PreflightCommand.Check;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * One of preflight's checks: reads what it needs from the {@link PreflightContext} (and leaves there
 * what later checks need), and returns its report lines. Its name is given once, to this
 * constructor: the report lines that say the check did not run carry the same name.
 */
abstract class PreflightCheck {
    private final String name;

    PreflightCheck(String name) {
        this.name = name;
    }

    /** The name its report line carries. */
    final String name() {
        return name;
    }

    abstract List<Check> run(PreflightContext context) throws SQLException;

    final Check ok(String detail) {
        return new Check(name, Outcome.OK.text(), detail, "");
    }

    final Check warning(String detail, String fix) {
        return new Check(name, Outcome.WARNING.text(), detail, fix);
    }

    final Check failed(String detail, String fix) {
        return new Check(name, Outcome.FAILED.text(), detail, fix);
    }

    /** Report lines for checks that could not run, and why. */
    static List<Check> notRun(String why, PreflightCheck... checks) {
        return Arrays.stream(checks).map(c -> new Check(c.name(), Outcome.NOT_RUN.text(), why, "")).toList();
    }
}
