package dev.rwsh.shell.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableExpanderTest {
    private static final Map<String, String> ENV = Map.of("HOME", "/home/op", "ETCD", "from-env");

    private static String expand(String line, Map<String, String> vars) {
        return VariableExpander.expand(line, vars, ENV::get);
    }

    @Test
    void sessionVariablesWinOverTheEnvironment() {
        assertEquals("connect etcd --endpoints from-session", expand("connect etcd --endpoints ${ETCD}", Map.of("ETCD", "from-session")));
        assertEquals("cd /home/op/x", expand("cd ${HOME}/x", Map.of()));
    }

    @Test
    void escapedDollarStaysLiteralAndPlainDollarsPassThrough() {
        assertEquals("echo ${HOME} costs $5", expand("echo \\${HOME} costs $5", Map.of()));
    }

    @Test
    void defaultsApplyOnlyWhenNothingIsSet() {
        assertEquals("dir=/tmp/demo", expand("dir=${DEMO_DIR:-/tmp/demo}", Map.of()));
        assertEquals("dir=/data", expand("dir=${DEMO_DIR:-/tmp/demo}", Map.of("DEMO_DIR", "/data")));
        assertEquals("home=/home/op", expand("home=${HOME:-none}", Map.of()));
        assertEquals("empty=", expand("empty=${NOPE:-}", Map.of()));
    }

    @Test
    void severalVariablesOnOneLine() {
        assertEquals("a-b-a", expand("${A}-${B}-${A}", Map.of("A", "a", "B", "b")));
    }

    @Test
    void unknownOrMalformedVariablesAreUsageErrors() {
        RwshException unknown = assertThrows(RwshException.class, () -> expand("echo ${NOPE}", Map.of()));
        assertEquals(ExitStatus.USAGE, unknown.status());
        assertTrue(unknown.getMessage().contains("set NOPE VALUE"), unknown.getMessage());
        assertThrows(RwshException.class, () -> expand("echo ${OPEN", Map.of()));
        assertThrows(RwshException.class, () -> expand("echo ${BAD-NAME}", Map.of()));
    }

    @Test
    void aBadNameIsNamedWithWhereItIsAndWhatAGoodOneLooksLike() {
        RwshException bad = assertThrows(RwshException.class, () -> expand("echo ${BAD-NAME}", Map.of()));
        assertEquals(ExitStatus.USAGE, bad.status());
        assertEquals("bad variable name 'BAD-NAME' (in ${BAD-NAME} at column 6): a name has only letters, digits and _"
                + " and does not start with a digit, as in DB_URL", bad.getMessage());
        // a default is never quoted back: it may be a password
        RwshException withDefault = assertThrows(RwshException.class, () -> expand("x ${DB-PASS:-hunter2}", Map.of()));
        assertTrue(withDefault.getMessage().startsWith("bad variable name 'DB-PASS' (in ${DB-PASS:-…} at column 3)"), withDefault.getMessage());
        assertFalse(withDefault.getMessage().contains("hunter2"), withDefault.getMessage());
        RwshException empty = assertThrows(RwshException.class, () -> expand("echo ${}", Map.of()));
        assertEquals("no variable name in ${} at column 6: write ${NAME}, or \\$ for a literal dollar", empty.getMessage());
    }
}
