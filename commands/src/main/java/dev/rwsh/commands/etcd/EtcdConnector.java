package dev.rwsh.commands.etcd;

import dev.rwsh.commands.RwshException;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.options.GetOption;
import io.grpc.netty.GrpcSslContexts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens an {@link EtcdConnection} and proves it works before handing it out. */
public final class EtcdConnector {

    /** RisingWave values reach megabytes (table fragments, version deltas): allow large responses. */
    static final int MAX_INBOUND_MESSAGE_BYTES = 256 * 1024 * 1024;

    private EtcdConnector() {
    }

    public static EtcdConnection connect(EtcdConnectOptions options) {
        ClientBuilder builder = Client.builder()
                .endpoints(options.endpoints().uris().toArray(new java.net.URI[0]))
                .connectTimeout(options.timeout())
                // Fail fast when nothing answers instead of queueing calls until a channel is ready.
                .waitForReady(false)
                .retryMaxDuration(options.timeout())
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES);
        if (options.credentials() != null) {
            builder.user(ByteSequence.from(options.credentials().user(), StandardCharsets.UTF_8))
                    .password(ByteSequence.from(options.credentials().password(), StandardCharsets.UTF_8));
        }
        EtcdTls tls = options.tls();
        if (tls != null && tls.enabled()) {
            requireReadable(tls.caCert(), "--cacert");
            requireReadable(tls.cert(), "--cert");
            requireReadable(tls.key(), "--key");
            if ((tls.cert() == null) != (tls.key() == null)) {
                throw RwshException.usage("--cert and --key go together: give both or neither");
            }
            try {
                // gRPC needs ALPN with HTTP/2 configured, which GrpcSslContexts sets up.
                builder.sslContext(GrpcSslContexts.forClient()
                        .trustManager(tls.caCert() == null ? null : tls.caCert().toFile())
                        .keyManager(tls.cert() == null ? null : tls.cert().toFile(), tls.key() == null ? null : tls.key().toFile())
                        .build());
            } catch (Exception e) {
                throw RwshException.failed("could not load the TLS files: " + e.getMessage(), e);
            }
        }
        Client client;
        try {
            client = builder.build();
        } catch (RuntimeException e) {
            throw RwshException.failed("could not set up the etcd client for " + options.endpoints().display() + ": " + e.getMessage(), e);
        }
        EtcdConnection connection = new EtcdConnection(client, options);
        try {
            // A cheap read proves reachability and, with auth, the credentials.
            connection.await(connection.kv().get(ByteSequence.from(new byte[] {0}), GetOption.builder().withCountOnly(true).build()), "connect to");
        } catch (RwshException e) {
            connection.close();
            throw e;
        } catch (RuntimeException e) {
            connection.close();
            throw RwshException.failed("could not connect to etcd at " + options.endpoints().display() + ": " + e.getMessage(), e);
        }
        return connection;
    }

    private static void requireReadable(Path file, String option) {
        if (file != null && !Files.isReadable(file)) {
            throw RwshException.usage(option + " " + file + ": no such readable file");
        }
    }
}
