package dev.rwsh.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.sql.SecretText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SecretTextTest {

    @Test
    void optionsAndUrlsInFreeTextAreMasked() {
        assertEquals("Unrecognised option '--user=rwsec:****' ('help COMMAND' shows its options)",
                SecretText.mask("Unrecognised option '--user=rwsec:S3cr3t' ('help COMMAND' shows its options)"));
        assertEquals("connect etcd --user root:**** --password **** --etcd-user-password u:****",
                SecretText.mask("connect etcd --user root:pw1 --password pw2 --etcd-user-password u:pw3"));
        assertEquals("x --password=**** y", SecretText.mask("x --password=hunter2 y"));
        assertEquals("unclosed quote in: connect sql --endpoint \"postgres://u:****@h/d",
                SecretText.mask("unclosed quote in: connect sql --endpoint \"postgres://u:Sec@ret@h/d"));
        assertEquals("at jdbc:postgresql://h/db?user=u&password=****&ssl=true.",
                SecretText.mask("at jdbc:postgresql://h/db?user=u&password=pw&ssl=true."));
        assertEquals("'password=****'", SecretText.mask("'password=a#b'"));
        // what holds no credential stays as it is
        String plain = "could not connect to postgres at 127.0.0.1:5432: user 'rwsh'@'localhost' --user root";
        assertEquals(plain, SecretText.mask(plain));
    }

    @Test
    void aQuotedSecretWithSpacesIsMaskedWhole() {
        assertEquals("connect sql --password '****' --endpoint x",
                SecretText.mask("connect sql --password 'my secret pw' --endpoint x"));
        assertEquals("connect etcd --user \"root:****\" -v", SecretText.mask("connect etcd --user \"root:pa ss\" -v"));
        assertEquals("x --password=**** y", SecretText.mask("x --password=\"a b c\" y"));
        assertEquals("host=h password=**** user=u", SecretText.mask("host=h password='a b' user=u"));
        // an apostrophe inside a word opens no quote: what follows is still masked word by word
        assertEquals("can't connect: --password **** 'x'", SecretText.mask("can't connect: --password pw 'x'"));
        // an unclosed quote runs to the end of the text, all of it masked
        assertEquals("unclosed quote in: set --password '****", SecretText.mask("unclosed quote in: set --password 'my secret"));
    }

    @Test
    void aMaskedTraceKeepsClassesAndFramesButNoPassword() {
        SQLException driver = new SQLException("Malformed URL postgres://rw:TopSecret@db/x");
        RuntimeException wrapped = new RwshException(ExitStatus.FAILED, "could not connect: --password TopSecret", driver);
        wrapped.addSuppressed(new IllegalStateException("password=TopSecret"));
        Throwable masked = SecretText.mask(wrapped);
        StringWriter trace = new StringWriter();
        masked.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        assertFalse(text.contains("TopSecret"), text);
        assertTrue(text.startsWith("dev.rwsh.commands.RwshException: could not connect: --password ****"), text);
        assertTrue(text.contains("Caused by: java.sql.SQLException: Malformed URL postgres://rw:****@db/x"), text);
        assertTrue(text.contains("Suppressed: java.lang.IllegalStateException: password=****"), text);
        assertTrue(text.contains("at dev.rwsh.commands.SecretTextTest.aMaskedTraceKeepsClassesAndFramesButNoPassword"), text);
    }
}
