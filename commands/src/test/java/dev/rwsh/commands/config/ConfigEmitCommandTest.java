package dev.rwsh.commands.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigEmitCommandTest {
    /** Every character that means something in a URL, a shell word, YAML or TOML. */
    static final String NASTY = "p@ss:w/rd%41 'q\"\\?#&=+$(x)";
    static final String NASTY_URL = URLEncoder.encode(NASTY, StandardCharsets.UTF_8).replace("+", "%20");

    record Case(SqlBackend backend, String url, String user, String password, String host, int port, String database, String path) {
    }

    static final Case PG = new Case(SqlBackend.POSTGRES, "postgres://rw_admin:" + NASTY_URL + "@db.example.com:5433/risingwave",
            "rw_admin", NASTY, "db.example.com", 5433, "risingwave", null);
    static final Case MY = new Case(SqlBackend.MYSQL, "mysql://rw:" + NASTY_URL + "@10.0.0.7/rw_meta",
            "rw", NASTY, "10.0.0.7", 3306, "rw_meta", null);
    static final Case LITE = new Case(SqlBackend.SQLITE, "sqlite:///var/lib/risingwave/meta.db?mode=rwc",
            null, null, null, -1, null, "/var/lib/risingwave/meta.db");

    static Stream<Arguments> backendsAndStyles() {
        List<Arguments> all = new ArrayList<>();
        for (Case c : List.of(PG, MY, LITE)) {
            for (ConfigStyle s : ConfigStyle.values()) {
                all.add(Arguments.of(c.backend().rwName(), s.id(), c, s));
            }
        }
        return all.stream();
    }

    private static ConfigEmitResult emit(Case c, ConfigStyle style, boolean show) {
        return ConfigEmitCommand.emit(SqlEndpoint.parse(c.url()), style, show, null);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndStyles")
    void everyFieldOfEveryStyle(String backendName, String styleName, Case c, ConfigStyle style) throws Exception {
        ConfigEmitResult r = emit(c, style, true);
        assertEquals(style.id(), r.style());
        assertEquals(c.backend().rwName(), r.backend());
        assertEquals(c.password() != null, r.secretsShown());
        assertFalse(r.removed().isEmpty());
        assertTrue(r.removed().stream().allMatch(s -> s.setting().toLowerCase().contains("etcd")), r.removed().toString());
        assertTrue(r.text().contains("# etcd settings to remove:"), r.text());
        switch (style) {
            case FLAGS -> checkFlags(c, r);
            case SPLIT_FLAGS -> checkSplit(c, flagValues(r), "--backend", "--sql-endpoint", "--sql-username", "--sql-password", "--sql-database");
            case ENV -> checkSplit(c, envValues(r.lines(), ""), "RW_BACKEND", "RW_SQL_ENDPOINT", "RW_SQL_USERNAME", "RW_SQL_PASSWORD", "RW_SQL_DATABASE");
            case TOML -> checkToml(c, r);
            case OPERATOR -> checkOperator(c, r);
            case HELM -> checkHelm(c, r);
        }
    }

    private static void checkFlags(Case c, ConfigEmitResult r) {
        Map<String, String> flags = flagValues(r);
        assertEquals("sql", flags.get("--backend"));
        URI uri = URI.create(flags.get("--sql-endpoint"));
        if (c.backend() == SqlBackend.SQLITE) {
            assertEquals("sqlite", uri.getScheme());
            assertEquals(c.path(), uri.getPath());
            assertEquals("mode=rwc", uri.getQuery());
            return;
        }
        assertEquals(c.backend().rwName(), uri.getScheme());
        String[] userinfo = uri.getRawUserInfo().split(":", 2);
        assertEquals(c.user(), pct(userinfo[0]));
        assertEquals(c.password(), pct(userinfo[1]));
        assertEquals(c.host(), uri.getHost());
        assertEquals(c.port(), uri.getPort());
        assertEquals("/" + c.database(), uri.getPath());
    }

    private static void checkSplit(Case c, Map<String, String> v, String backend, String endpoint, String user, String password, String database) {
        assertEquals(c.backend().rwName(), v.get(backend));
        if (c.backend() == SqlBackend.SQLITE) {
            assertEquals(c.path(), v.get(endpoint));
            assertEquals(2, v.size(), v.toString());
            return;
        }
        assertEquals(c.host() + ":" + c.port(), v.get(endpoint));
        // RisingWave v2.0.7 pastes these into a URL that sqlx decodes: they arrive percent-encoded.
        assertEquals(c.user(), pct(v.get(user)));
        assertEquals(c.password(), pct(v.get(password)));
        assertEquals(c.database(), v.get(database));
        assertEquals(5, v.size(), v.toString());
    }

    private static void checkToml(Case c, ConfigEmitResult r) {
        Map<String, Map<String, String>> toml = parseToml(r.lines());
        assertEquals(Map.of("meta", Map.of("backend", switch (c.backend()) {
            case POSTGRES -> "Postgres";
            case MYSQL -> "Mysql";
            case SQLITE -> "Sqlite";
        })), toml);
        // The connection settings are no TOML keys at v2.0.7: they come as commented variables.
        checkSplit(c, envValues(r.lines(), "# "), "RW_BACKEND", "RW_SQL_ENDPOINT", "RW_SQL_USERNAME", "RW_SQL_PASSWORD", "RW_SQL_DATABASE");
        assertTrue(r.text().contains("no config-file options"), r.text());
    }

    private static void checkOperator(Case c, ConfigEmitResult r) throws Exception {
        List<JsonNode> docs = yamlDocs(r.text());
        JsonNode spec;
        if (c.backend() == SqlBackend.SQLITE) {
            assertEquals(1, docs.size());
            spec = docs.get(0).get("spec");
            assertEquals(c.path(), spec.at("/metaStore/sqlite/path").asText());
        } else {
            assertEquals(2, docs.size());
            checkSecret(c, docs.get(0));
            spec = docs.get(1).get("spec");
            JsonNode store = spec.at("/metaStore/" + (c.backend() == SqlBackend.POSTGRES ? "postgresql" : "mysql"));
            assertEquals(c.host(), store.get("host").asText());
            assertEquals(c.port(), store.get("port").asInt());
            assertTrue(store.get("port").isInt());
            assertEquals(c.database(), store.get("database").asText());
            assertEquals(ConfigEmitCommand.DEFAULT_SECRET_NAME, store.at("/credentials/secretName").asText());
            assertEquals("username", store.at("/credentials/usernameKeyRef").asText());
            assertEquals("password", store.at("/credentials/passwordKeyRef").asText());
            assertEquals(4, store.size(), store.toString());
        }
        assertEquals(1, spec.get("metaStore").size(), "exactly one backend");
        assertEquals(1, spec.size());
    }

    private static void checkHelm(Case c, ConfigEmitResult r) throws Exception {
        List<JsonNode> docs = yamlDocs(r.text());
        JsonNode values = docs.get(docs.size() - 1);
        assertFalse(values.at("/tags/etcd").asBoolean(true));
        assertTrue(values.at("/tags/etcd").isBoolean());
        assertFalse(values.at("/metaStore/etcd/enabled").asBoolean(true));
        if (c.backend() == SqlBackend.SQLITE) {
            assertEquals(1, docs.size());
            assertTrue(values.at("/metaStore/sqlite/enabled").asBoolean());
            assertEquals(c.path(), values.at("/metaStore/sqlite/path").asText());
            return;
        }
        assertEquals(2, docs.size());
        checkSecret(c, docs.get(0));
        JsonNode store = values.at("/metaStore/" + (c.backend() == SqlBackend.POSTGRES ? "postgresql" : "mysql"));
        assertTrue(store.get("enabled").asBoolean());
        assertEquals(c.host(), store.get("host").asText());
        assertEquals(c.port(), store.get("port").asInt());
        assertEquals(c.database(), store.get("database").asText());
        assertEquals(ConfigEmitCommand.DEFAULT_SECRET_NAME, store.at("/authentication/existingSecretName").asText());
        assertTrue(values.at("/metaStore/passSQLCredentialsLegacyMode").isMissingNode(), "no options, so the split mode");
    }

    private static void checkSecret(Case c, JsonNode secret) {
        assertEquals("v1", secret.get("apiVersion").asText());
        assertEquals("Secret", secret.get("kind").asText());
        assertEquals(ConfigEmitCommand.DEFAULT_SECRET_NAME, secret.at("/metadata/name").asText());
        assertEquals(c.user(), pct(secret.at("/stringData/username").asText()));
        assertEquals(c.password(), pct(secret.at("/stringData/password").asText()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndStyles")
    void maskedOutputHoldsNoPassword(String backendName, String styleName, Case c, ConfigStyle style) throws Exception {
        ConfigEmitResult r = emit(c, style, false);
        assertFalse(r.secretsShown());
        String all = r.text() + String.join("\n", r.warnings()) + r.endpoint()
                + new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).writeValueAsString(r);
        if (c.password() != null) {
            for (String form : List.of(NASTY, NASTY_URL, Quoting.userinfo(NASTY), URLEncoder.encode(NASTY, StandardCharsets.UTF_8), "rd%41", "rd%2541")) {
                assertFalse(all.contains(form), "'" + form + "' in\n" + all);
            }
            assertTrue(r.text().contains(ConfigEmitCommand.MASK), r.text());
            assertTrue(r.text().contains("add --show-secrets"), r.text());
        }
    }

    @Test
    void aSqlitePathAndADatabaseNameWithQuotesSurviveEveryQuoting() throws Exception {
        String dir = "/tmp/it's \"odd\" 100%#";
        Case c = new Case(SqlBackend.SQLITE, "sqlite://" + dir.replace("%", "%25").replace("#", "%23") + "/m.db?mode=rwc",
                null, null, null, -1, null, dir + "/m.db");
        assertEquals(c.path(), SqlEndpoint.parse(c.url()).path().toString());
        // sqlx decodes the file name: '%' and '#' arrive encoded, the quotes as they are
        assertEquals("sqlite:///tmp/it's \"odd\" 100%25%23/m.db?mode=rwc", flagValues(emit(c, ConfigStyle.FLAGS, true)).get("--sql-endpoint"));
        assertEquals("/tmp/it's \"odd\" 100%25%23/m.db", envValues(emit(c, ConfigStyle.ENV, true).lines(), "").get("RW_SQL_ENDPOINT"));
        assertEquals(c.path(), yamlDocs(emit(c, ConfigStyle.HELM, true).text()).get(0).at("/metaStore/sqlite/path").asText());
        assertEquals(c.path(), yamlDocs(emit(c, ConfigStyle.OPERATOR, true).text()).get(0).at("/spec/metaStore/sqlite/path").asText());

        Case quoted = new Case(SqlBackend.POSTGRES, "postgres://u:p@h:5432/we%22ird%5Cdb", "u", "p", "h", 5432, "we\"ird\\db", null);
        JsonNode values = yamlDocs(emit(quoted, ConfigStyle.HELM, true).text()).get(1);
        assertEquals("we\"ird\\db", values.at("/metaStore/postgresql/database").asText());
        assertEquals("we\"ird\\db", envValues(emit(quoted, ConfigStyle.ENV, true).lines(), "").get("RW_SQL_DATABASE"));
    }

    @Test
    void parametersGoInTheUrlAndAreFlaggedWhereTheyCannotGo() throws Exception {
        Case c = new Case(SqlBackend.POSTGRES, "postgres://rw:pw@db:5432/meta?sslmode=verify-full&sslrootcert=/etc/ca.pem",
                "rw", "pw", "db", 5432, "meta", null);
        URI uri = URI.create(flagValues(emit(c, ConfigStyle.FLAGS, true)).get("--sql-endpoint"));
        assertEquals("sslmode=verify-full&sslrootcert=/etc/ca.pem", uri.getQuery());

        ConfigEmitResult split = emit(c, ConfigStyle.SPLIT_FLAGS, true);
        assertEquals("db:5432", flagValues(split).get("--sql-endpoint"));
        assertTrue(split.warnings().stream().anyMatch(w -> w.contains("sslmode, sslrootcert") && w.contains("--style flags")), split.warnings().toString());

        ConfigEmitResult env = emit(c, ConfigStyle.ENV, true);
        Map<String, String> whole = envValues(env.lines().stream().filter(l -> l.startsWith("# RW_")).toList(), "# ");
        assertEquals("sql", whole.get("RW_BACKEND"));
        assertEquals(uri.toString(), whole.get("RW_SQL_ENDPOINT"));

        JsonNode helm = yamlDocs(emit(c, ConfigStyle.HELM, true).text()).get(1);
        assertTrue(helm.at("/metaStore/passSQLCredentialsLegacyMode").asBoolean());
        assertEquals("verify-full", helm.at("/metaStore/postgresql/options/sslmode").asText());
        assertEquals("/etc/ca.pem", helm.at("/metaStore/postgresql/options/sslrootcert").asText());

        ConfigEmitResult operator = emit(c, ConfigStyle.OPERATOR, true);
        assertTrue(yamlDocs(operator.text()).get(1).at("/spec/metaStore/postgresql/options").isMissingNode());
        assertTrue(operator.text().contains("#   sslmode: \"verify-full\""), operator.text());
        assertTrue(operator.warnings().stream().anyMatch(w -> w.contains("options are left commented out")));
    }

    @Test
    void aJdbcUrlWorksAndIpv6HostsKeepTheirBrackets() throws Exception {
        Case c = new Case(SqlBackend.MYSQL, "jdbc:mysql://[::1]:3307/meta?user=rw&password=pw&sslMode=REQUIRED",
                "rw", "pw", "[::1]", 3307, "meta", null);
        URI uri = URI.create(flagValues(emit(c, ConfigStyle.FLAGS, true)).get("--sql-endpoint"));
        assertEquals("mysql://rw:pw@[::1]:3307/meta?ssl-mode=REQUIRED", uri.toString());
        assertEquals("[::1]:3307", flagValues(emit(c, ConfigStyle.SPLIT_FLAGS, true)).get("--sql-endpoint"));
        assertEquals("::1", yamlDocs(emit(c, ConfigStyle.HELM, true).text()).get(1).at("/metaStore/mysql/host").asText());
    }

    @Test
    void outputIsWrittenOwnerOnlyWithWhatWouldBePrinted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("meta.env");
        Files.writeString(file, "old content that is longer than the new one will be, surely, very much longer indeed ".repeat(40));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Session session = new Session();
        ConfigEmitResult r = ConfigEmitCommand.run(session, PG.url(),
                new ConfigEmitCommand.Options(ConfigStyle.ENV, true, file, null));
        assertEquals(file.toAbsolutePath().toString(), r.writtenTo());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        ConfigEmitResult printed = ConfigEmitCommand.run(session, PG.url(), new ConfigEmitCommand.Options(ConfigStyle.ENV, true, null, null));
        assertNull(printed.writtenTo());
        assertEquals(printed.text(), Files.readString(file));
        assertEquals(String.join("\n", printed.lines()), printed.tables().get(0).rows().get(0).get(0));
        String said = (String) r.tables().get(0).rows().get(0).get(0);
        assertTrue(said.contains("to " + file.toAbsolutePath() + " (mode 0600, password shown)"), said);

        Path fresh = dir.resolve("new.yaml");
        ConfigEmitCommand.run(session, LITE.url(), new ConfigEmitCommand.Options(ConfigStyle.HELM, false, fresh, null));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));

        RwshException noDir = assertThrows(RwshException.class, () -> ConfigEmitCommand.run(session, LITE.url(),
                new ConfigEmitCommand.Options(ConfigStyle.FLAGS, false, dir.resolve("missing/x.txt"), null)));
        assertTrue(noDir.getMessage().contains("does not exist"), noDir.getMessage());
    }

    @Test
    void withoutAnEndpointItNeedsTheSessionsSqlConnection() {
        RwshException e = assertThrows(RwshException.class, () -> ConfigEmitCommand.run(new Session(), null,
                new ConfigEmitCommand.Options(ConfigStyle.FLAGS, false, null, null)));
        assertTrue(e.getMessage().contains("not connected to a SQL meta store"), e.getMessage());
    }

    @Test
    void stylesAndSecretNamesAreChecked() {
        assertEquals(ConfigStyle.SPLIT_FLAGS, ConfigStyle.parse("split-flags"));
        assertEquals(ConfigStyle.FLAGS, ConfigStyle.parse(null));
        assertTrue(assertThrows(RwshException.class, () -> ConfigStyle.parse("yaml")).getMessage().contains("flags, split-flags, env, toml, operator, helm"));
        assertThrows(RwshException.class, () -> ConfigEmitCommand.emit(SqlEndpoint.parse(PG.url()), ConfigStyle.HELM, false, "Bad_Name"));
        ConfigEmitResult r = ConfigEmitCommand.emit(SqlEndpoint.parse(PG.url()), ConfigStyle.OPERATOR, false, "rw-meta");
        assertTrue(r.text().contains("secretName: \"rw-meta\""), r.text());
    }

    @Test
    void jsonCarriesTheParts() throws Exception {
        JsonNode json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .valueToTree(emit(PG, ConfigStyle.ENV, false));
        assertEquals("env", json.get("style").asText());
        assertEquals("postgres", json.get("backend").asText());
        assertFalse(json.get("secrets_shown").asBoolean());
        assertTrue(json.get("lines").isArray());
        assertEquals("RW_ETCD_ENDPOINTS", json.at("/removed/1/setting").asText());
        assertTrue(json.get("checked_against").get(0).asText().contains("risingwave v2.0.7"));
        assertFalse(json.has("text"));
        assertFalse(json.has("tables"));
    }

    // ---- parsing what was emitted -------------------------------------------------------------

    private static String pct(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The flag lines: {@code --name 'value' \}. */
    private static Map<String, String> flagValues(ConfigEmitResult r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : r.lines()) {
            if (!line.startsWith("--")) {
                continue;
            }
            String l = line.endsWith(" \\") ? line.substring(0, line.length() - 2) : line;
            int sp = l.indexOf(' ');
            out.put(l.substring(0, sp), unshell(l.substring(sp + 1)));
        }
        return out;
    }

    /** {@code NAME='value'} lines after the prefix, quotes undone as a POSIX shell would. */
    private static Map<String, String> envValues(List<String> lines, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            if (!line.startsWith(prefix + "RW_")) {
                continue;
            }
            String l = line.substring(prefix.length());
            int eq = l.indexOf('=');
            assertTrue(l.substring(0, eq).matches("RW_[A-Z_]+"), l);
            out.put(l.substring(0, eq), unshell(l.substring(eq + 1)));
        }
        return out;
    }

    /** One shell word: single-quoted runs, backslash escapes outside them; anything else unquoted would be a bug. */
    private static String unshell(String word) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < word.length()) {
            char ch = word.charAt(i);
            if (ch == '\'') {
                int end = word.indexOf('\'', i + 1);
                assertTrue(end > 0, "unterminated quote in " + word);
                out.append(word, i + 1, end);
                i = end + 1;
            } else if (ch == '\\') {
                out.append(word.charAt(i + 1));
                i += 2;
            } else {
                assertTrue(Character.isLetterOrDigit(ch) || "-_./:".indexOf(ch) >= 0, "unquoted '" + ch + "' in " + word);
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    /** The TOML subset emitted: comments, blank lines, [section] headers and key = "basic string". */
    private static Map<String, Map<String, String>> parseToml(List<String> lines) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        String section = null;
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("[")) {
                assertTrue(l.matches("\\[[a-z_]+\\]"), l);
                section = l.substring(1, l.length() - 1);
                out.put(section, new LinkedHashMap<>());
                continue;
            }
            assertTrue(l.matches("[a-z_]+ = \"([^\"\\\\]|\\\\.)*\""), "not a TOML key = \"string\" line: " + l);
            assertTrue(section != null, "a key outside any section: " + l);
            int eq = l.indexOf(" = ");
            String value = l.substring(eq + 4, l.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            out.get(section).put(l.substring(0, eq), value);
        }
        return out;
    }

    private static List<JsonNode> yamlDocs(String text) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(text)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }
}
