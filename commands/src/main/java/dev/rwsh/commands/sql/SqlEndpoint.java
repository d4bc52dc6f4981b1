package dev.rwsh.commands.sql;

import dev.rwsh.commands.RwshException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SQL meta store endpoint in any form RisingWave's {@code --sql-endpoint} takes
 * ({@code postgres://user:password@host:port/db}, {@code mysql://...}, {@code sqlite://path?mode=rwc})
 * or a plain JDBC URL, resolved into what a JDBC driver needs. {@link #toString()} masks the password.
 *
 * <p>URLs are split by structure, never by a pattern over the whole text: everything between
 * {@code //} and the last {@code @} is the user and password, so a password with an unencoded
 * {@code @}, {@code /} or {@code #} is masked whole, and no message ever quotes the raw text.
 *
 * @param path for SQLite, the database file; null otherwise
 * @param sqliteMode for SQLite, sqlx's {@code mode} parameter (rwc, rw, ro), "rwc" when absent
 * @param passwordSource where the password came from ("the URL", "the prompt", an environment variable), or null when there is none
 */
public record SqlEndpoint(SqlBackend backend, String jdbcUrl, String user, String password, String host, int port,
        String database, Path path, String sqliteMode, String original, String passwordSource) {

    public static final String MASK = "****";
    static final String FROM_URL = "the URL";

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

    /** The same endpoint with a password from somewhere other than the URL (a prompt, the environment). */
    public SqlEndpoint withPassword(String newPassword, String source) {
        return new SqlEndpoint(backend, jdbcUrl, user, newPassword, host, port, database, path, sqliteMode, original, source);
    }

    /**
     * A URL split by structure: {@code scheme://userinfo@hostport/path?query#fragment}, where the
     * userinfo ends at the last '@'. Raw (still percent-encoded) parts; null when absent.
     */
    record Parts(String scheme, String userinfo, String hostport, String path, String query) {

        /** Null when the text has no "://". */
        static Parts split(String text) {
            int schemeEnd = text.indexOf("://");
            if (schemeEnd < 0) {
                return null;
            }
            String rest = text.substring(schemeEnd + 3);
            int at = rest.lastIndexOf('@');
            String userinfo = at < 0 ? null : rest.substring(0, at);
            String after = rest.substring(at + 1);
            int hostEnd = firstOf(after, "/?#", 0);
            String hostport = after.substring(0, hostEnd);
            int fragment = after.indexOf('#', hostEnd);
            String tail = fragment < 0 ? after.substring(hostEnd) : after.substring(hostEnd, fragment);
            int q = tail.indexOf('?');
            String path = q < 0 ? tail : tail.substring(0, q);
            String query = q < 0 ? null : tail.substring(q + 1);
            return new Parts(text.substring(0, schemeEnd), userinfo, hostport, path, query);
        }
    }

    private static int firstOf(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** A host and port, checked. */
    private record HostPort(String host, int port) {
    }

    private static HostPort hostPort(String hostport, int defaultPort, String text, String form) {
        String host;
        String portText;
        if (hostport.startsWith("[")) {
            int close = hostport.indexOf(']');
            if (close < 0) {
                throw malformed(text, "the IPv6 address in brackets is not closed with ']'");
            }
            host = hostport.substring(1, close);
            String after = hostport.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw malformed(text, "expected ':PORT' after the IPv6 address");
            }
            portText = after.isEmpty() ? "" : after.substring(1);
        } else {
            int colon = hostport.indexOf(':');
            host = colon < 0 ? hostport : hostport.substring(0, colon);
            portText = colon < 0 ? "" : hostport.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw RwshException.usage("SQL endpoint '" + mask(text) + "' names no host: expected " + form);
        }
        for (int i = 0; i < host.length(); i++) {
            if (Character.isWhitespace(host.charAt(i)) || Character.isISOControl(host.charAt(i))) {
                throw malformed(text, "the host '" + host + "' contains a space or control character");
            }
        }
        int port = defaultPort;
        if (!portText.isEmpty()) {
            if (!portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw malformed(text, "the port is not a number: write HOST:PORT with a port from 1 to 65535");
            }
            long p = portText.length() > 6 ? Long.MAX_VALUE : Long.parseLong(portText);
            if (p < 1 || p > 65535) {
                throw malformed(text, "port " + (portText.length() > 6 ? portText.substring(0, 6) + "..." : portText)
                        + " is out of range: a port is from 1 to 65535");
            }
            port = (int) p;
        }
        return new HostPort(host, port);
    }

    private static RwshException malformed(String text, String reason) {
        return RwshException.usage("malformed SQL endpoint '" + mask(text) + "': " + reason);
    }

    /** User and password from a URL's userinfo, percent-decoded as sqlx does. */
    private record Credentials(String user, String password) {
    }

    private static Credentials credentials(String userinfo, String text) {
        if (userinfo == null) {
            return new Credentials(null, null);
        }
        int bad = firstOf(userinfo, "/?#", 0);
        if (bad < userinfo.length()) {
            char c = userinfo.charAt(bad);
            throw malformed(text, "the text before the last '@' (USER:PASSWORD) contains an unencoded '" + c
                    + "', which ends the host part of a URL (RisingWave would misread it too): percent-encode it in the password as %"
                    + String.format("%02X", (int) c) + " (and any '@' in the database or parameters as %40)");
        }
        int colon = userinfo.indexOf(':');
        String user = decode(colon < 0 ? userinfo : userinfo.substring(0, colon), text, "user");
        String password = colon < 0 ? null : decode(userinfo.substring(colon + 1), text, "password");
        return new Credentials(user, password);
    }

    private static SqlEndpoint parseServer(SqlBackend backend, String text, int defaultPort) {
        String form = backend.rwName() + "://USER:PASS@HOST:PORT/DB";
        Parts parts = Parts.split(text);
        Credentials creds = credentials(parts.userinfo(), text);
        HostPort hp = hostPort(parts.hostport(), defaultPort, text, form);
        String database = decode(parts.path().replaceFirst("^/", ""), text, "database name");
        if (database.isEmpty()) {
            throw RwshException.usage("SQL endpoint '" + mask(text) + "' names no database: expected " + form);
        }
        Map<String, String> params = query(parts.query());
        // sqlx takes user and password from the query too; they never go into the JDBC URL, which drivers quote in errors.
        String queryUser = params.remove("user");
        String queryPassword = params.remove("password");
        String user = creds.user() != null && !creds.user().isEmpty() ? creds.user() : queryUser;
        String password = creds.password() != null ? creds.password() : queryPassword;
        StringBuilder jdbc = new StringBuilder("jdbc:").append(backend == SqlBackend.POSTGRES ? "postgresql" : "mysql")
                .append("://").append(hostForUrl(hp.host())).append(':').append(hp.port()).append('/').append(encodePath(database));
        Map<String, String> jdbcParams = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
            // sqlx spells MySQL's TLS option ssl-mode; Connector/J calls it sslMode. Everything else passes through.
            String name = backend == SqlBackend.MYSQL && p.getKey().equals("ssl-mode") ? "sslMode" : p.getKey();
            jdbcParams.put(name, p.getValue());
        }
        appendParams(jdbc, jdbcParams);
        return new SqlEndpoint(backend, jdbc.toString(), user, password, hp.host(), hp.port(), database, null, null, text,
                password == null ? null : FROM_URL);
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
        Path path = Path.of(decode(rest, text, "file name")).toAbsolutePath().normalize();
        return new SqlEndpoint(SqlBackend.SQLITE, "jdbc:sqlite:" + path, null, null, null, -1, path.getFileName().toString(), path, mode, text, null);
    }

    private static SqlEndpoint parseJdbc(String text) {
        if (text.startsWith("jdbc:sqlite:")) {
            return parseSqlite("sqlite://" + text.substring("jdbc:sqlite:".length()));
        }
        SqlBackend backend;
        if (text.startsWith("jdbc:postgresql:")) {
            backend = SqlBackend.POSTGRES;
        } else if (text.startsWith("jdbc:mysql:") || text.startsWith("jdbc:mariadb:")) {
            backend = SqlBackend.MYSQL;
        } else {
            throw RwshException.usage("unsupported JDBC URL '" + mask(text) + "': use jdbc:postgresql:, jdbc:mysql: or jdbc:sqlite:");
        }
        int defaultPort = backend == SqlBackend.POSTGRES ? 5432 : 3306;
        String form = (backend == SqlBackend.POSTGRES ? "jdbc:postgresql" : "jdbc:mysql") + "://HOST:PORT/DB?user=USER&password=PASS";
        Parts parts = Parts.split(text);
        if (parts == null) {
            throw RwshException.usage("JDBC URL '" + mask(text) + "' names no host: expected " + form);
        }
        Credentials creds = credentials(parts.userinfo(), text);
        HostPort hp = hostPort(parts.hostport(), defaultPort, text, form);
        Map<String, String> params = query(parts.query());
        String queryUser = params.remove("user");
        String queryPassword = params.remove("password");
        String user = creds.user() != null && !creds.user().isEmpty() ? creds.user() : queryUser;
        String password = creds.password() != null ? creds.password() : queryPassword;
        String database = decode(parts.path().replaceFirst("^/", ""), text, "database name");
        StringBuilder jdbc = new StringBuilder("jdbc:").append(backend == SqlBackend.POSTGRES ? "postgresql" : "mysql")
                .append("://").append(hostForUrl(hp.host())).append(':').append(hp.port()).append('/').append(encodePath(database));
        appendParams(jdbc, params);
        return new SqlEndpoint(backend, jdbc.toString(), user, password, hp.host(), hp.port(), database, null, null, text,
                password == null ? null : FROM_URL);
    }

    private static String hostForUrl(String host) {
        return host != null && host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** A database name as a JDBC URL's path: both drivers percent-decode it. Plain names stay as they are. */
    private static String encodePath(String database) {
        StringBuilder out = new StringBuilder();
        for (byte b : database.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
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
            String name = eq < 0 ? pair : pair.substring(0, eq);
            // a value is never quoted in a message: it may be a password
            out.put(decode(name, null, "parameter name"), eq < 0 ? "" : decode(pair.substring(eq + 1), null, "value of parameter " + name));
        }
        return out;
    }

    /** The raw query string of the endpoint as written, or null; for a JDBC URL the parameters it passes on. */
    public String rawQuery() {
        if (backend == SqlBackend.SQLITE) {
            int q = original.indexOf('?');
            return q < 0 ? null : original.substring(q + 1);
        }
        Parts parts = Parts.split(original.trim());
        return parts == null ? null : parts.query();
    }

    /**
     * Percent-decodes as sqlx does (Rust's percent_decode): a '%' not followed by two hex digits
     * stays a literal '%'. The bytes must be UTF-8.
     */
    static String decode(String s, String text, String what) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                bytes.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                bytes.write(in[i]);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            String where = text == null ? "" : " '" + mask(text) + "'";
            throw RwshException.usage("malformed SQL endpoint" + where + ": the " + what + " is not UTF-8 once its %XX escapes are decoded");
        }
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    /**
     * Masks the password of a URL by structure: everything between {@code //} and the last
     * {@code @} is USER:PASSWORD, shown as {@code USER:****}; a {@code password=} query parameter is
     * shown as {@code password=****}. Text whose structure is unclear is shown as {@code scheme://****}.
     */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        Parts parts = Parts.split(text);
        if (parts == null) {
            if (text.indexOf('@') < 0) {
                return maskQueryPasswords(text);
            }
            int colon = text.indexOf(':');
            return colon < 0 ? MASK : text.substring(0, colon + 1) + MASK;
        }
        int schemeEnd = text.indexOf("://");
        String rest = text.substring(schemeEnd + 3);
        if (parts.userinfo() == null) {
            return text.substring(0, schemeEnd + 3) + maskQueryPasswords(rest);
        }
        return text.substring(0, schemeEnd + 3) + maskUserinfo(parts.userinfo()) + "@"
                + maskQueryPasswords(rest.substring(parts.userinfo().length() + 1));
    }

    private static String maskUserinfo(String userinfo) {
        int colon = userinfo.indexOf(':');
        String user = colon < 0 ? userinfo : userinfo.substring(0, colon);
        if (firstOf(user, "/?#", 0) < user.length() || user.isEmpty() && colon < 0) {
            return MASK; // the structure is not USER:PASSWORD: show none of it
        }
        return colon < 0 ? user : user + ":" + MASK;
    }

    /** {@code password=VALUE} in a URL's query (after its first '?') becomes {@code password=****}. */
    private static String maskQueryPasswords(String text) {
        int q = text.indexOf('?');
        if (q < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.substring(0, q + 1));
        String[] pairs = text.substring(q + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            if (i > 0) {
                out.append('&');
            }
            if (eq >= 0 && pair.substring(0, eq).equalsIgnoreCase("password")) {
                out.append(pair, 0, eq + 1).append(MASK);
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    /** The endpoint as the user wrote it, with the password masked. */
    public String display() {
        return mask(original);
    }

    /** What a message says about where the password came from: " (password from PGPASSWORD)", or "". */
    public String passwordNote() {
        return passwordSource == null || passwordSource.equals(FROM_URL) ? "" : " (password from " + passwordSource + ")";
    }

    @Override
    public String toString() {
        return display();
    }
}
