package dev.rwsh.commands.etcd;

import dev.rwsh.commands.RwshException;

/** An etcd user and password. {@link #toString()} never shows the password. */
public record EtcdCredentials(String user, String password) {

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
