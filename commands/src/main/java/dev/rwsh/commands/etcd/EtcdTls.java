package dev.rwsh.commands.etcd;

import java.nio.file.Path;

/** TLS files in etcdctl's terms: a CA bundle to trust, and an optional client certificate and key. */
public record EtcdTls(Path caCert, Path cert, Path key) {

    public boolean enabled() {
        return caCert != null || cert != null;
    }
}
