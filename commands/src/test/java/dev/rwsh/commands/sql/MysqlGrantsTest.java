package dev.rwsh.commands.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class MysqlGrantsTest {
    @Test
    void readsGlobalAndDatabaseGrantsIncludingPatterns() {
        var all = MysqlDialect.parseGrants(List.of("GRANT USAGE ON *.* TO `u`@`%`", "GRANT ALL PRIVILEGES ON `meta`.* TO `u`@`%`"), "meta");
        assertEquals(EnumSet.allOf(MysqlDialect.Privilege.class), all.privileges());
        assertFalse(all.viaRoles());

        var ro = MysqlDialect.parseGrants(List.of("GRANT USAGE ON *.* TO 'ro'@'%' IDENTIFIED BY PASSWORD '*ABC'",
                "GRANT SELECT ON `meta`.* TO 'ro'@'%'", "GRANT ALL PRIVILEGES ON `other`.* TO 'ro'@'%'"), "meta");
        assertEquals(EnumSet.of(MysqlDialect.Privilege.SELECT), ro.privileges());

        var pattern = MysqlDialect.parseGrants(List.of("GRANT CREATE, DROP, ALTER ON `rw\\_%`.* TO `u`@`%`"), "rw_meta");
        assertEquals(EnumSet.of(MysqlDialect.Privilege.CREATE, MysqlDialect.Privilege.DROP, MysqlDialect.Privilege.ALTER), pattern.privileges());
        assertTrue(MysqlDialect.parseGrants(List.of("GRANT CREATE ON `rw\\_%`.* TO `u`@`%`"), "rwxmeta").privileges().isEmpty());

        var global = MysqlDialect.parseGrants(List.of("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, REFERENCES, INDEX, ALTER ON *.* TO `a`@`%`"), "x");
        assertEquals(EnumSet.allOf(MysqlDialect.Privilege.class), global.privileges());

        var table = MysqlDialect.parseGrants(List.of("GRANT ALL PRIVILEGES ON `meta`.`worker` TO `u`@`%`"), "meta");
        assertTrue(table.privileges().isEmpty(), "table-level grants do not let a user create tables");

        var roles = MysqlDialect.parseGrants(List.of("GRANT USAGE ON *.* TO `u`@`%`", "GRANT `rw_owner`@`%` TO `u`@`%`"), "meta");
        assertTrue(roles.viaRoles(), "privileges through roles are not listed: the probe decides");
    }
}
