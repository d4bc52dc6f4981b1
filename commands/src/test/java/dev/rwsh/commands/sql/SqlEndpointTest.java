package dev.rwsh.commands.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.config.ConfigEmitCommand;
import dev.rwsh.commands.config.ConfigStyle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlEndpointTest {

    @Test
    void postgresUrlAsRisingWaveTakesIt() {
        SqlEndpoint e = SqlEndpoint.parse("postgres://rw:s3cr%40t@db.example:5433/meta?sslmode=require");
        assertEquals(SqlBackend.POSTGRES, e.backend());
        assertEquals("jdbc:postgresql://db.example:5433/meta?sslmode=require", e.jdbcUrl());
        assertEquals("rw", e.user());
        assertEquals("s3cr@t", e.password());
        assertEquals("meta", e.database());
        assertEquals("postgres://rw:****@db.example:5433/meta?sslmode=require", e.display());
        assertFalse(e.toString().contains("s3cr"));
    }

    @Test
    void mysqlUrlMapsSqlxTlsOptionAndDefaultsThePort() {
        SqlEndpoint e = SqlEndpoint.parse("mysql://root:pw@127.0.0.1/rw?ssl-mode=REQUIRED");
        assertEquals(SqlBackend.MYSQL, e.backend());
        assertEquals(3306, e.port());
        assertEquals("jdbc:mysql://127.0.0.1:3306/rw?sslMode=REQUIRED", e.jdbcUrl());
    }

    @Test
    void sqliteUrlWithModeAndAbsoluteOrRelativePaths() {
        SqlEndpoint abs = SqlEndpoint.parse("sqlite:///var/lib/rw/meta.db?mode=rwc");
        assertEquals(SqlBackend.SQLITE, abs.backend());
        assertEquals(Path.of("/var/lib/rw/meta.db"), abs.path());
        assertEquals("rwc", abs.sqliteMode());
        assertEquals("jdbc:sqlite:/var/lib/rw/meta.db", abs.jdbcUrl());
        SqlEndpoint rel = SqlEndpoint.parse("sqlite://meta.db");
        assertEquals(Path.of("meta.db").toAbsolutePath(), rel.path());
        assertEquals("rwc", rel.sqliteMode());
        assertNull(rel.user());
    }

    @Test
    void plainJdbcUrlsPassThrough() {
        SqlEndpoint pg = SqlEndpoint.parse("jdbc:postgresql://h:1/d?user=u&password=p&sslmode=disable");
        assertEquals("u", pg.user());
        assertEquals("p", pg.password());
        assertEquals("jdbc:postgresql://h:1/d?sslmode=disable", pg.jdbcUrl());
        assertTrue(pg.display().contains("password=****"));
        assertEquals(SqlBackend.MYSQL, SqlEndpoint.parse("jdbc:mysql://h:3306/d").backend());
        assertEquals(SqlBackend.SQLITE, SqlEndpoint.parse("jdbc:sqlite:/tmp/x.db").backend());
    }

    @Test
    void usageErrorsNameTheProblem() {
        RwshException scheme = assertThrows(RwshException.class, () -> SqlEndpoint.parse("oracle://u:secret@h/d"));
        assertEquals(ExitStatus.USAGE, scheme.status());
        assertTrue(scheme.getMessage().contains("unknown SQL endpoint scheme"));
        assertFalse(scheme.getMessage().contains("secret"));
        assertTrue(assertThrows(RwshException.class, () -> SqlEndpoint.parse("postgres://u:p@h:5432")).getMessage().contains("no database"));
        assertTrue(assertThrows(RwshException.class, () -> SqlEndpoint.parse("sqlite://x.db?mode=w")).getMessage().contains("mode"));
    }

    /** A marker on both sides of the character under test: any part of a leaked password shows "Sekr". */
    static final String MARK = "Sekr";
    static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    static String percentEncoded(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** Everything that can print an endpoint: the parse error, or the display, every config emit style, and free-text masking. */
    static List<String> everythingPrinted(String url) {
        List<String> out = new ArrayList<>();
        out.add(SecretText.mask("connect sql --endpoint " + url));
        out.add(SecretText.mask("unclosed quote in: connect sql --endpoint '" + url));
        SqlEndpoint e;
        try {
            e = SqlEndpoint.parse(url);
        } catch (RwshException ex) {
            assertEquals(ExitStatus.USAGE, ex.status(), ex.getMessage());
            out.add(ex.getMessage());
            return out;
        }
        out.add(e.display());
        out.add(e.toString());
        out.add(e.jdbcUrl());
        for (ConfigStyle style : ConfigStyle.values()) {
            out.add(String.join("\n", ConfigEmitCommand.emit(e, style, false, null).lines()));
            out.add(ConfigEmitCommand.emit(e, style, false, null).endpoint());
        }
        return out;
    }

    static void assertNothingLeaks(String url) {
        for (String printed : everythingPrinted(url)) {
            assertFalse(printed.contains(MARK), "password leaked from " + url + ":\n" + printed);
        }
    }

    @Test
    void theLeaksOfIssue13PrintNoPassword() {
        for (String url : List.of(
                "postgres://rwsh:SekrTop%zzSekr@127.0.0.1:28432/rwsh",
                "postgres://rwsh:Sekr#Sekr@127.0.0.1:28432/rwsh",
                "postgres://rwsh:Sekr?Sekr@127.0.0.1:28432/rwsh",
                "postgres://rwsh:Sekr/Sekr@127.0.0.1:28432/rwsh",
                "postgres://rwsec:S3Sekr@PwSekr@127.0.0.1:28432/rwsh",
                "postgres://rwsh:SekrSekr@my host:28432/rwsh",
                "postgres://rwsh:SekrSekr@127.0.0.1:28432/my db",
                "mysql://rwsh:Sekr#Sekr@127.0.0.1:abc/rwsh",
                "mysql://rwsh:Sekr/Sekr@127.0.0.1:99999/rwsh",
                "jdbc:postgresql://127.0.0.1:1/db?user=u&password=Sekr#Sekr",
                "oracle://u:Sekr@Sekr@h/d")) {
            assertNothingLeaks(url);
        }
    }

    @Test
    void aPasswordWithAnyPunctuationIsNeverPrintedAndRoundTripsWhenEncoded() {
        List<String> passwords = new ArrayList<>();
        for (char c : PUNCTUATION.toCharArray()) {
            passwords.add(MARK + c + MARK);
            passwords.add(MARK + c + c + "x" + c + MARK);
        }
        passwords.add(MARK + PUNCTUATION + MARK);
        for (String pw : passwords) {
            for (String scheme : List.of("postgres", "mysql")) {
                String encoded = scheme + "://rw:" + percentEncoded(pw) + "@db.example:5433/meta";
                assertEquals(pw, SqlEndpoint.parse(encoded).password(), encoded);
                assertNothingLeaks(encoded);
                String raw = scheme + "://rw:" + pw + "@db.example:5433/meta";
                assertNothingLeaks(raw);
                assertNothingLeaks(raw + "?sslmode=disable");
                assertNothingLeaks("jdbc:" + (scheme.equals("postgres") ? "postgresql" : scheme) + "://db.example:5433/meta?user=rw&password="
                        + percentEncoded(pw));
                if (pw.chars().noneMatch(ch -> "/?#".indexOf(ch) >= 0)) {
                    // what RisingWave's URL parser accepts unencoded, rwsh accepts too, '@' and stray '%' included
                    SqlEndpoint e = SqlEndpoint.parse(raw);
                    assertEquals(pw, e.password(), raw);
                    assertEquals("db.example", e.host(), raw);
                    assertEquals("rw:****@db.example:5433/meta", e.display().substring(e.display().indexOf("//") + 2), raw);
                }
            }
        }
    }

    @Test
    void anUnencodedDelimiterInThePasswordSaysSoAndNotThatTheHostIsMissing() {
        RwshException e = assertThrows(RwshException.class, () -> SqlEndpoint.parse("postgres://rwsh:pa#ss@127.0.0.1:28432/rwsh"));
        assertEquals(ExitStatus.USAGE, e.status());
        assertTrue(e.getMessage().contains("unencoded '#'") && e.getMessage().contains("%23"), e.getMessage());
        assertFalse(e.getMessage().contains("names no host"), e.getMessage());
        assertTrue(e.getMessage().contains("postgres://rwsh:****@127.0.0.1:28432/rwsh"), e.getMessage());
    }

    @Test
    void aBadPortIsAUsageErrorThatNamesThePort() {
        for (String url : List.of("postgres://u:p@127.0.0.1:abc/db", "mysql://u:p@127.0.0.1:5x/db", "jdbc:postgresql://h:p0rt/db")) {
            RwshException e = assertThrows(RwshException.class, () -> SqlEndpoint.parse(url));
            assertEquals(ExitStatus.USAGE, e.status(), url);
            assertTrue(e.getMessage().contains("the port is not a number"), e.getMessage());
        }
        for (String port : List.of("99999", "0", "65536", "123456789012345678901234567890")) {
            RwshException e = assertThrows(RwshException.class, () -> SqlEndpoint.parse("postgres://u:p@127.0.0.1:" + port + "/db"));
            assertEquals(ExitStatus.USAGE, e.status(), port);
            assertTrue(e.getMessage().contains("is out of range: a port is from 1 to 65535"), e.getMessage());
        }
        assertEquals(65535, SqlEndpoint.parse("postgres://u:p@127.0.0.1:65535/db").port());
        assertEquals(5432, SqlEndpoint.parse("postgres://u:p@127.0.0.1:/db").port());
    }

    @Test
    void aDatabaseNameWithASpaceIsKeptAndEncodedForTheDriver() {
        SqlEndpoint e = SqlEndpoint.parse("postgres://u:p@h/my db");
        assertEquals("my db", e.database());
        assertEquals("jdbc:postgresql://h:5432/my%20db", e.jdbcUrl());
        assertEquals("my db", SqlEndpoint.parse("postgres://u:p@h/my%20db").database());
    }

    @Test
    void queryCredentialsNeverReachTheJdbcUrl() {
        SqlEndpoint e = SqlEndpoint.parse("postgres://h/db?user=rw&password=Sekr&sslmode=disable");
        assertEquals("rw", e.user());
        assertEquals("Sekr", e.password());
        assertEquals("jdbc:postgresql://h:5432/db?sslmode=disable", e.jdbcUrl());
        assertEquals("postgres://h/db?user=rw&password=****&sslmode=disable", e.display());
        assertEquals("user=rw&password=Sekr&sslmode=disable", e.rawQuery());
    }
}
