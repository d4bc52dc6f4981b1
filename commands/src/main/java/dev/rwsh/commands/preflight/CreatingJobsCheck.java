package dev.rwsh.commands.preflight;

import dev.rwsh.commands.meta.JobIndex;
import dev.rwsh.commands.meta.MetaCatalog;
import dev.rwsh.commands.preflight.PreflightCommand.Check;
import java.util.ArrayList;
import java.util.List;

/** No streaming job is still creating: after the migration it would not resume as a background job. */
final class CreatingJobsCheck extends PreflightCheck {
    CreatingJobsCheck() {
        super("streaming jobs finished creating");
    }

    @Override
    public List<Check> run(PreflightContext context) {
        MetaCatalog catalog = context.catalog();
        List<String> creating = new ArrayList<>();
        JobIndex jobs = JobIndex.load(context.reader, null);
        for (JobIndex.Job j : jobs.jobs().values()) {
            if (j.state().equals("creating") || j.state().equals("initial")) {
                String name = catalog.objects().stream().filter(o -> o.kind() != MetaCatalog.Kind.INTERNAL_TABLE && MetaCatalog.ownJobId(o) == j.id())
                        .map(o -> o.kind().label() + " " + catalog.qualifiedName(o)).findFirst().orElse("job " + j.id());
                creating.add(name + " (job " + j.id() + ", " + j.state() + ")");
            }
        }
        if (creating.isEmpty()) {
            return List.of(ok(jobs.jobs().size() + " job(s), none still creating"));
        }
        List<Check> out = new ArrayList<>();
        for (String c : creating) {
            out.add(warning(c + " is still creating: after the migration it will not resume "
                    + "as a background job", "let it finish before stopping the cluster, or drop it and create it again after the migration"));
        }
        return out;
    }
}
