package dev.rwsh.commands.migrate;

import dev.rwsh.commands.testsupport.ScratchDatabase;

/** migrate's guard rails on MariaDB (the MySQL test service), a scratch database of this class's own. */
class MysqlMigrateGuardIT extends MigrateGuardContract {
    @Override
    protected ScratchDatabase createTarget() {
        return ScratchDatabase.mysql();
    }
}
