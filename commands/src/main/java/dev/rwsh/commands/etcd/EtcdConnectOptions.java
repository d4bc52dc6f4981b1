package dev.rwsh.commands.etcd;

import java.time.Duration;

/** Everything {@code connect etcd} needs. Credentials and TLS may be null. */
public record EtcdConnectOptions(EtcdEndpoints endpoints, EtcdCredentials credentials, EtcdTls tls, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public EtcdConnectOptions {
        if (timeout == null) {
            timeout = DEFAULT_TIMEOUT;
        }
    }
}
