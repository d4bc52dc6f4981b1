package dev.rwsh.commands.preflight;

import dev.rwsh.commands.preflight.PreflightCommand.Check;
import java.util.List;

/** Every name and text of the plan fits the target (MySQL's utf8mb3 columns hold no character outside the BMP). */
final class StorableTextsCheck extends PreflightCheck {
    StorableTextsCheck() {
        super("target stores every text");
    }

    @Override
    public List<Check> run(PreflightContext context) {
        if (context.plan == null) {
            return List.of();
        }
        List<String> unstorable = context.plan.textsTheTargetCannotStore(context.dialect);
        return List.of(unstorable.isEmpty() ? ok("no name or text the target cannot store")
                : failed(unstorable.size() + " text(s): " + String.join("; ", unstorable),
                        "rename them in RisingWave before migrating, or migrate to PostgreSQL or SQLite"));
    }
}
