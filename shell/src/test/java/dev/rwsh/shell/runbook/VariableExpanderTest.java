package dev.rwsh.shell.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
