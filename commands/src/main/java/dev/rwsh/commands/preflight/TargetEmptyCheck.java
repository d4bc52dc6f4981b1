package dev.rwsh.commands.preflight;

import dev.rwsh.commands.preflight.PreflightCommand.Check;
import dev.rwsh.commands.schema.TargetVerdict;
import java.sql.SQLException;
import java.util.List;

/** The target holds no RisingWave metadata: the same {@link TargetVerdict} migrate acts on. */
final class TargetEmptyCheck extends PreflightCheck {
    TargetEmptyCheck() {
        super("target empty of RisingWave metadata");
    }

    @Override
    public List<Check> run(PreflightContext context) throws SQLException {
        TargetVerdict verdict = TargetVerdict.judge(context.connection, context.dialect);
        String what = verdict.foundIn(context.dialect.where(context.endpoint));
        if (verdict.reusable()) {
            return List.of(ok(verdict.kind() == TargetVerdict.Kind.EMPTY ? "no RisingWave table" : "RisingWave's tables hold only their seeds"));
        }
        if (!verdict.refuses(context.options.force())) {
            return List.of(warning(what + "; --force: migrate -f will drop it and migrate again", ""));
        }
        return List.of(failed(what, switch (verdict.kind()) {
            case PARTIAL -> "migrate -f --yes (drops RisingWave's tables and the marker, and migrates again)";
            case METADATA -> "use another database, or replace it on purpose: preflight --force, then migrate -f";
            default -> verdict.repair();
        }));
    }
}
