package dev.rwsh.commands.migrate;

import dev.rwsh.commands.testsupport.ScratchDatabase;

/** migrate into PostgreSQL, a scratch database of this class's own. */
class PostgresMigrateIT extends MigrateContract {
    @Override
    protected ScratchDatabase createTarget() {
        return ScratchDatabase.postgres();
    }
}
