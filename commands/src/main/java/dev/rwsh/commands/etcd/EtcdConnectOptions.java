package dev.rwsh.commands.etcd;

import dev.rwsh.commands.RwshException;
import java.time.Duration;
import java.util.function.Function;

/** Everything {@code connect etcd} needs. Credentials and TLS may be null. */
public record EtcdConnectOptions(EtcdEndpoints endpoints, EtcdCredentials credentials, EtcdTls tls, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Seconds to wait for etcd when no --timeout is given, as etcdctl reads ETCDCTL_DIAL_TIMEOUT. */
    public static final String TIMEOUT_VARIABLE = "RWSH_ETCD_TIMEOUT";

    /** The timeout when none is given: {@value #TIMEOUT_VARIABLE} from {@code environment}, else 5 s. */
    public static Duration defaultTimeout(Function<String, String> environment) {
        String value = environment.apply(TIMEOUT_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw RwshException.usage(TIMEOUT_VARIABLE + " must be a positive number of seconds, not '" + value + "'; unset it for the default of 5");
    }

    public EtcdConnectOptions {
        if (timeout == null) {
            timeout = DEFAULT_TIMEOUT;
        }
    }
}
