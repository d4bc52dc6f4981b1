package dev.rwsh.commands.config;

import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The endpoint broken into what the meta node options take, in sqlx's terms. */
record MetaStoreTarget(SqlBackend backend, String user, String password, String host, int port, String database,
        String sqlitePath, Map<String, String> params, String display, List<String> notes) {

    static MetaStoreTarget of(SqlEndpoint e) {
        List<String> notes = new ArrayList<>();
        if (e.backend() == SqlBackend.SQLITE) {
            if (e.sqliteMode() != null && !e.sqliteMode().equals("rwc")) {
                notes.add("the endpoint says mode=" + e.sqliteMode() + "; a meta node needs to write, so RisingWave's own form (mode=rwc) is used");
            }
            return new MetaStoreTarget(e.backend(), null, null, null, -1, null, e.path().toString(), Map.of(), e.display(), notes);
        }
        String host = e.host();
        if (host != null && host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        Map<String, String> params = sqlxParams(e, notes);
        return new MetaStoreTarget(e.backend(), emptyToNull(e.user()), emptyToNull(e.password()), host, e.port(), e.database(),
                null, params, e.display(), notes);
    }

    /** The query parameters as sqlx reads them, decoded; user and password are never carried in them. */
    private static Map<String, String> sqlxParams(SqlEndpoint e, List<String> notes) {
        String original = e.original().trim();
        boolean jdbc = original.startsWith("jdbc:");
        String raw;
        if (jdbc) {
            int q = e.jdbcUrl().indexOf('?');
            raw = q < 0 ? null : e.jdbcUrl().substring(q + 1);
        } else {
            raw = e.rawQuery();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> param : SqlEndpoint.query(raw).entrySet()) {
            String key = param.getKey();
            String value = param.getValue();
            if (key.equalsIgnoreCase("password") || key.equalsIgnoreCase("user")) {
                notes.add("the endpoint's '" + key + "' query parameter is left out: give credentials as USER:PASS@ in the URL");
                continue;
            }
            if (jdbc && e.backend() == SqlBackend.MYSQL && key.equals("sslMode")) {
                key = "ssl-mode"; // Connector/J's name back to sqlx's
            }
            out.put(key, value);
        }
        if (jdbc && !out.isEmpty()) {
            notes.add("parameters of a JDBC URL are carried over as written; check that sqlx knows them: " + String.join(", ", out.keySet()));
        }
        return out;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    boolean sqlite() {
        return backend == SqlBackend.SQLITE;
    }

    /** RisingWave v2.0.7's backend names in risingwave.toml: serde's names of MetaBackend's variants. */
    String tomlBackend() {
        return switch (backend) {
            case POSTGRES -> "Postgres";
            case MYSQL -> "Mysql";
            case SQLITE -> "Sqlite";
        };
    }

    String query() {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> p : params.entrySet()) {
            q.append(q.length() == 0 ? '?' : '&').append(Quoting.queryPart(p.getKey())).append('=').append(Quoting.queryPart(p.getValue()));
        }
        return q.toString();
    }

    int defaultPort() {
        return backend == SqlBackend.POSTGRES ? 5432 : 3306;
    }
}
