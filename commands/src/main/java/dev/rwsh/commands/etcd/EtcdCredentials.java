package dev.rwsh.commands.etcd;

import dev.rwsh.commands.PasswordPrompt;
import dev.rwsh.commands.RwshException;
import java.util.function.Function;

/** An etcd user and password. {@link #toString()} never shows the password. */
public record EtcdCredentials(String user, String password) {

    public static final String ETCDCTL_USER = "ETCDCTL_USER";
    public static final String ETCDCTL_PASSWORD = "ETCDCTL_PASSWORD";

    /**
     * The credentials from the options and, as etcdctl reads them, the environment: the user from
     * {@code --user} (USER or USER:PASS), else {@code ETCDCTL_USER} (USER or USER:PASS); the password
     * from USER:PASS or {@code --password}, else {@code --password-prompt} ({@code prompt} not null),
     * else {@code ETCDCTL_PASSWORD}. Null when no user is named anywhere.
     */
    public static EtcdCredentials resolve(String user, String password, PasswordPrompt prompt, Function<String, String> environment) {
        String from = "--user";
        String named = user;
        if (named == null) {
            named = blankToNull(environment.apply(ETCDCTL_USER));
            from = ETCDCTL_USER;
        }
        if (named == null) {
            if (password != null || prompt != null) {
                throw RwshException.usage("a password needs a user: --user USER (or ETCDCTL_USER in the environment)");
            }
            return null;
        }
        if (password != null && prompt != null) {
            throw RwshException.usage("--password and --password-prompt exclude each other");
        }
        if (named.contains(":")) {
            if (password != null || prompt != null) {
                throw RwshException.usage(from + " USER:PASS already carries a password: drop --password or --password-prompt");
            }
            return parseUserPassword(named);
        }
        if (password != null) {
            return new EtcdCredentials(named, password);
        }
        if (prompt != null) {
            return new EtcdCredentials(named, prompt.ask("etcd password for " + named + ": "));
        }
        String fromEnvironment = blankToNull(environment.apply(ETCDCTL_PASSWORD));
        if (fromEnvironment != null) {
            return new EtcdCredentials(named, fromEnvironment);
        }
        throw RwshException.usage((from.equals(ETCDCTL_USER) ? "ETCDCTL_USER names user " + named + " but" : "--user " + named + " has")
                + " no password: use --password-prompt, set ETCDCTL_PASSWORD, or give USER:PASS");
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Parses {@code USER:PASS}, the form of RisingWave's {@code --etcd-user-password}. */
    public static EtcdCredentials parseUserPassword(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw RwshException.usage("expected USER:PASSWORD for the etcd credentials");
        }
        return new EtcdCredentials(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return "EtcdCredentials[user=" + user + ", password=****]";
    }
}
