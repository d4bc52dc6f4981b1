package dev.rwsh.shell.input;

import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.etcd.Keyspace;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Key and prefix completion from the connected source: the keys under what was typed, cut after
 * the next '/', so {@code cf/cat} offers {@code cf/catalog_table/}, {@code cf/catalog_view/}...
 * Bounded: at most {@link #MAX_KEYS} keys are read however large the prefix is, so TAB stays fast.
 */
public final class KeyCompletion {
    public static final int MAX_KEYS = 2000;
    public static final int MAX_OFFERS = 200;

    private KeyCompletion() {
    }

    /** The completions of {@code typed} (key text with \xNN escapes), in key order; ends with '/' when more follows. */
    public static Set<String> complete(Keyspace keyspace, String typed) {
        String scanned = withoutPartialEscape(typed);
        Set<String> offers = new LinkedHashSet<>();
        int[] read = {0};
        keyspace.scan(KeyText.unescape(scanned), true, kv -> {
            String key = KeyText.escape(kv.key());
            if (key.startsWith(typed)) {
                int slash = key.indexOf('/', typed.length());
                offers.add(slash < 0 ? key : key.substring(0, slash + 1));
            }
            return ++read[0] < MAX_KEYS && offers.size() < MAX_OFFERS;
        });
        return offers;
    }

    /** {@code cf/x\x0} cannot be read as bytes yet: scan from before the unfinished escape and filter as text. */
    static String withoutPartialEscape(String typed) {
        int backslash = typed.lastIndexOf('\\');
        if (backslash < 0) {
            return typed;
        }
        String tail = typed.substring(backslash);
        boolean complete = tail.startsWith("\\\\") || tail.matches("\\\\x[0-9A-Fa-f]{2}.*");
        return complete ? typed : typed.substring(0, backslash);
    }
}
