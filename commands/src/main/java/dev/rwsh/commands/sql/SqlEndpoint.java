package dev.rwsh.commands.sql;

import dev.rwsh.commands.RwshException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SQL meta store endpoint in any form RisingWave's {@code --sql-endpoint} takes
 * ({@code postgres://user:password@host:port/db}, {@code mysql://...}, {@code sqlite://path?mode=rwc})
 * or a plain JDBC URL, resolved into what a JDBC driver needs. {@link #toString()} masks the password.
 *
 * @param path for SQLite, the database file; null otherwise
 * @param sqliteMode for SQLite, sqlx's {@code mode} parameter (rwc, rw, ro), "rwc" when absent
 */
public record SqlEndpoint(SqlBackend backend, String jdbcUrl, String user, String password, String host, int port,
        String database, Path path, String sqliteMode, String original) {

    public static SqlEndpoint parse(String url) {
        if (url == null || url.isBlank()) {
            throw RwshException.usage("no SQL endpoint given: use --endpoint postgres://USER:PASS@HOST:PORT/DB, mysql://USER:PASS@HOST:PORT/DB or sqlite://PATH?mode=rwc");
        }
        String text = url.trim();
        if (text.startsWith("jdbc:")) {
            return parseJdbc(text);
        }
        int schemeEnd = text.indexOf("://");
        String scheme = schemeEnd < 0 ? (text.startsWith("sqlite:") ? "sqlite" : "") : text.substring(0, schemeEnd).toLowerCase();
        return switch (scheme) {
            case "postgres", "postgresql" -> parseServer(SqlBackend.POSTGRES, text, 5432);
            case "mysql" -> parseServer(SqlBackend.MYSQL, text, 3306);
            case "sqlite" -> parseSqlite(text);
            default -> throw RwshException.usage("unknown SQL endpoint scheme in '" + mask(text)
                    + "': use postgres://, mysql://, sqlite:// or a jdbc: URL");
        };
    }

    private static SqlEndpoint parseServer(SqlBackend backend, String text, int defaultPort) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw RwshException.usage("malformed SQL endpoint '" + mask(text) + "': " + e.getMessage());
        }
        if (uri.getHost() == null) {
            throw RwshException.usage("SQL endpoint '" + mask(text) + "' names no host: expected " + backend.rwName() + "://USER:PASS@HOST:PORT/DB");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (database.isEmpty()) {
            throw RwshException.usage("SQL endpoint '" + mask(text) + "' names no database: expected " + backend.rwName() + "://USER:PASS@HOST:PORT/DB");
        }
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        Map<String, String> params = query(uri.getRawQuery());
        StringBuilder jdbc = new StringBuilder("jdbc:").append(backend == SqlBackend.POSTGRES ? "postgresql" : "mysql")
                .append("://").append(hostForUrl(uri.getHost())).append(':').append(port).append('/').append(database);
        Map<String, String> jdbcParams = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
            // sqlx spells MySQL's TLS option ssl-mode; Connector/J calls it sslMode. Everything else passes through.
            String name = backend == SqlBackend.MYSQL && p.getKey().equals("ssl-mode") ? "sslMode" : p.getKey();
            jdbcParams.put(name, p.getValue());
        }
        appendParams(jdbc, jdbcParams);
        return new SqlEndpoint(backend, jdbc.toString(), user, password, uri.getHost(), port, database, null, null, text);
    }

    private static SqlEndpoint parseSqlite(String text) {
        String rest = text.startsWith("sqlite://") ? text.substring("sqlite://".length()) : text.substring("sqlite:".length());
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (rest.isEmpty()) {
            throw RwshException.usage("SQL endpoint '" + text + "' names no file: expected sqlite://PATH?mode=rwc");
        }
        String mode = query(query).getOrDefault("mode", "rwc");
        if (!mode.equals("rwc") && !mode.equals("rw") && !mode.equals("ro")) {
            throw RwshException.usage("SQLite mode '" + mode + "' in '" + text + "': use mode=rwc, rw or ro");
        }
        Path path = Path.of(decode(rest)).toAbsolutePath().normalize();
        return new SqlEndpoint(SqlBackend.SQLITE, "jdbc:sqlite:" + path, null, null, null, -1, path.getFileName().toString(), path, mode, text);
    }

    private static SqlEndpoint parseJdbc(String text) {
        if (text.startsWith("jdbc:sqlite:")) {
            return parseSqlite("sqlite://" + text.substring("jdbc:sqlite:".length()));
        }
        SqlBackend backend;
        String rest;
        if (text.startsWith("jdbc:postgresql:")) {
            backend = SqlBackend.POSTGRES;
            rest = text.substring("jdbc:postgresql:".length());
        } else if (text.startsWith("jdbc:mysql:") || text.startsWith("jdbc:mariadb:")) {
            backend = SqlBackend.MYSQL;
            rest = text.substring(text.indexOf(':', 5) + 1);
        } else {
            throw RwshException.usage("unsupported JDBC URL '" + mask(text) + "': use jdbc:postgresql:, jdbc:mysql: or jdbc:sqlite:");
        }
        URI uri = URI.create("x:" + rest);
        Map<String, String> params = query(uri.getRawQuery());
        String user = params.remove("user");
        String password = params.remove("password");
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        int port = uri.getPort() < 0 ? (backend == SqlBackend.POSTGRES ? 5432 : 3306) : uri.getPort();
        StringBuilder jdbc = new StringBuilder("jdbc:").append(backend == SqlBackend.POSTGRES ? "postgresql" : "mysql")
                .append("://").append(hostForUrl(uri.getHost())).append(':').append(port).append('/').append(database);
        appendParams(jdbc, params);
        return new SqlEndpoint(backend, jdbc.toString(), user, password, uri.getHost(), port, database, null, null, text);
    }

    private static String hostForUrl(String host) {
        return host != null && host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void appendParams(StringBuilder jdbc, Map<String, String> params) {
        char sep = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            jdbc.append(sep).append(p.getKey()).append('=').append(p.getValue());
            sep = '&';
        }
    }

    /** A URL's raw query string as decoded parameters, in their order ({@code +} kept as a plus, as sqlx reads it). */
    public static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Masks the password of any URL-like text: {@code user:secret@} becomes {@code user:****@}. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        return text.replaceAll("(://[^/:@?#]*):[^@/?#]*@", "$1:****@").replaceAll("(?i)(password=)[^&]*", "$1****");
    }

    /** The endpoint as the user wrote it, with the password masked. */
    public String display() {
        return mask(original);
    }

    @Override
    public String toString() {
        return display();
    }
}
