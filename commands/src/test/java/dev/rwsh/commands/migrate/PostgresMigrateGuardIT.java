package dev.rwsh.commands.migrate;

import dev.rwsh.commands.testsupport.ScratchDatabase;

/** migrate's guard rails on PostgreSQL, a scratch database of this class's own. */
class PostgresMigrateGuardIT extends MigrateGuardContract {
    @Override
    protected ScratchDatabase createTarget() {
        return ScratchDatabase.postgres();
    }
}
