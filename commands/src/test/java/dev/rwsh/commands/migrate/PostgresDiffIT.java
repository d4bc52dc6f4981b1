package dev.rwsh.commands.migrate;

import dev.rwsh.commands.testsupport.ScratchDatabase;

/** diff against PostgreSQL, a scratch database of this class's own. */
class PostgresDiffIT extends DiffContract {
    @Override
    protected ScratchDatabase createTarget() {
        return ScratchDatabase.postgres();
    }
}
