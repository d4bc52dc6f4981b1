package dev.rwsh.commands.migrate;

import dev.rwsh.commands.testsupport.ScratchDatabase;

/** migrate into MariaDB (the MySQL test service), a scratch database of this class's own. */
class MysqlMigrateIT extends MigrateContract {
    @Override
    protected ScratchDatabase createTarget() {
        return ScratchDatabase.mysql();
    }
}
