package dev.rwsh.commands.preflight;

import dev.rwsh.commands.migrate.MigrationListener;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.preflight.PreflightCommand.Check;
import java.util.List;

/**
 * The validating pass of migrate, unchanged: what migrate --dry-run refuses, preflight fails. The one
 * place preflight reads the plan's problem lists.
 */
final class PlanCheck extends PreflightCheck {
    PlanCheck() {
        super("metadata references resolve");
    }

    @Override
    public List<Check> run(PreflightContext context) {
        MigrationPlan plan = MigrationPlan.build(context.reader, MigrationListener.NONE);
        context.plan = plan;
        context.problems.addAll(plan.errors());
        context.planWarnings.addAll(plan.warnings());
        if (plan.refuses()) {
            return List.of(failed(plan.errors().size() + " problem(s), e.g. " + plan.errors().get(0),
                    "repair the metadata with RisingWave before migrating (drop or recreate the objects named below); migrate --dry-run lists them too"));
        }
        return List.of(plan.warnings().isEmpty() ? ok("validated as migrate --dry-run does: no problem")
                : warning("validated: no problem; migrate will warn " + plan.warnings().size() + " time(s) (listed below)", ""));
    }
}
