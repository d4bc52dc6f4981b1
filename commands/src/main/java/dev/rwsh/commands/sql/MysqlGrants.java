package dev.rwsh.commands.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The privileges SHOW GRANTS gives the current MySQL or MariaDB user on a database (global and
 * database level), and whether roles may grant more than it lists.
 */
record MysqlGrants(Set<MysqlDialect.Privilege> privileges, boolean viaRoles) {
    private static final Pattern GRANT_ON = Pattern.compile("(?i)^GRANT (.+?) ON (\\S+) TO .*$");

    /** The privileges SHOW GRANTS gives the current user on {@code database} (global and database level). */
    static MysqlGrants read(Connection c, String database) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return parse(lines, database);
    }

    static MysqlGrants parse(List<String> lines, String database) {
        Set<MysqlDialect.Privilege> privileges = EnumSet.noneOf(MysqlDialect.Privilege.class);
        boolean viaRoles = false;
        for (String line : lines) {
            Matcher m = GRANT_ON.matcher(line.trim());
            if (!m.matches()) {
                if (line.trim().toUpperCase(Locale.ROOT).startsWith("GRANT ")) {
                    viaRoles = true; // GRANT role TO user: its privileges are not listed here
                }
                continue;
            }
            String target = m.group(2);
            if (!appliesTo(target, database)) {
                continue;
            }
            for (String p : m.group(1).split(",")) {
                String name = p.trim().toUpperCase(Locale.ROOT);
                if (name.equals("ALL") || name.equals("ALL PRIVILEGES")) {
                    privileges.addAll(EnumSet.allOf(MysqlDialect.Privilege.class));
                    continue;
                }
                for (MysqlDialect.Privilege priv : MysqlDialect.Privilege.values()) {
                    if (name.equals(priv.name())) {
                        privileges.add(priv);
                    }
                }
            }
        }
        return new MysqlGrants(privileges, viaRoles);
    }

    /** {@code *.*} or {@code `db`.*} where db, a LIKE pattern, matches the database. Table-level grants do not count. */
    private static boolean appliesTo(String target, String database) {
        if (target.equals("*.*")) {
            return true;
        }
        if (!target.endsWith(".*")) {
            return false;
        }
        String db = target.substring(0, target.length() - 2);
        if (db.startsWith("`") && db.endsWith("`")) {
            db = db.substring(1, db.length() - 1).replace("``", "`");
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < db.length(); i++) {
            char ch = db.charAt(i);
            if (ch == '\\' && i + 1 < db.length()) {
                regex.append(Pattern.quote(String.valueOf(db.charAt(++i))));
            } else if (ch == '%') {
                regex.append(".*");
            } else if (ch == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(database).matches();
    }
}
