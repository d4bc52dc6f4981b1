package dev.rwsh.commands.migrate.write;

import dev.rwsh.proto.user.UserInfo;
import java.sql.SQLException;

/** The users and their privileges on objects. */
final class UserSteps extends StepGroup {
    UserSteps(Shared shared) {
        super(shared);
    }

    void users(String step) throws SQLException {
        steps.begin(step, plan.users().size());
        try (RowSink.Rows b = batch(TargetTable.USER)) {
            for (UserInfo u : plan.users()) {
                b.add(u.getId(), u.getName(), u.getIsSuper(), u.getCanCreateDb(), u.getCanCreateUser(), u.getCanLogin(),
                        u.hasAuthInfo() ? Blobs.message(u.getAuthInfo()) : Batch.Null.BYTES);
            }
        }
        steps.end(plan.users().size(), plan.users().size(), 0, 0);
    }

    void userPrivileges(String step) throws SQLException {
        steps.begin(step, plan.privileges().size());
        try (RowSink.Rows b = batch(TargetTable.USER_PRIVILEGE)) {
            for (Object[] p : plan.privileges()) {
                b.add(p);
            }
        }
        steps.end(plan.privileges().size(), plan.privileges().size(), 0, 0);
    }
}
