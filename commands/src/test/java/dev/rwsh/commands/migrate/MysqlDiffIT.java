package dev.rwsh.commands.migrate;

import dev.rwsh.commands.testsupport.ScratchDatabase;

/** diff against MariaDB (the MySQL test service), a scratch database of this class's own. */
class MysqlDiffIT extends DiffContract {
    @Override
    protected ScratchDatabase createTarget() {
        return ScratchDatabase.mysql();
    }
}
