package dev.rwsh.commands.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.connect.StatusCommand;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.TestServices;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Connecting to real etcd servers: success, nothing listening, and authentication. */
class EtcdConnectIT {

    @Test
    void statusDescribesTheCluster() {
        try (Session session = new Session()) {
            session.useEtcd(EtcdConnector.connect(new EtcdConnectOptions(EtcdEndpoints.parse(TestServices.etcd(), false), null, null, null)));
            StatusCommand.StatusResult status = StatusCommand.run(session);
            assertTrue(status.etcd().serverVersion().startsWith("3."), status.etcd().serverVersion());
            assertEquals(1, status.etcd().members().size());
            assertTrue(status.etcd().members().get(0).leader());
            assertTrue(status.etcd().revision() > 0);
            assertFalse(status.etcd().clusterId().isEmpty());
            assertEquals(null, status.sql());
        }
    }

    @Test
    void nothingListeningFailsFastWithAClearMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        EtcdConnectOptions options = new EtcdConnectOptions(EtcdEndpoints.parse("127.0.0.1:" + port, false), null, null, Duration.ofSeconds(3));
        RwshException e = assertThrows(RwshException.class, () -> EtcdConnector.connect(options));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(e.getMessage().startsWith("could not connect to etcd at 127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("check that etcd is running"), e.getMessage());
        // No hang: bounded by the timeout plus set-up, far from jetcd's unbounded wait-for-ready default.
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
    }

    @Test
    void authenticationIsCheckedAndThePasswordNeverShown() throws Exception {
        try (EtcdServer server = EtcdServer.start()) {
            server.enableAuth("root", "rootpw");
            EtcdEndpoints endpoints = EtcdEndpoints.parse(server.endpoint(), false);
            RwshException wrong = assertThrows(RwshException.class, () -> EtcdConnector.connect(
                    new EtcdConnectOptions(endpoints, new EtcdCredentials("root", "not-the-password"), null, null)));
            assertTrue(wrong.getMessage().contains("refused user 'root'"), wrong.getMessage());
            assertFalse(wrong.getMessage().contains("not-the-password"));
            try (EtcdConnection ok = EtcdConnector.connect(new EtcdConnectOptions(endpoints, EtcdCredentials.parseUserPassword("root:rootpw"), null, null))) {
                assertEquals("root", ok.user());
                assertEquals(0, EtcdSnapshot.open(ok).count(new byte[0]));
            }
            RwshException anonymous = assertThrows(RwshException.class, () -> {
                try (EtcdConnection c = EtcdConnector.connect(new EtcdConnectOptions(endpoints, null, null, null))) {
                    EtcdSnapshot.open(c).count(new byte[0]);
                }
            });
            assertTrue(anonymous.getMessage().contains("etcd at " + server.endpoint()), anonymous.getMessage());
            // etcdctl's environment variables: ETCDCTL_USER=USER:PASS, or ETCDCTL_USER and ETCDCTL_PASSWORD
            for (java.util.Map<String, String> env : java.util.List.of(java.util.Map.of("ETCDCTL_USER", "root:rootpw"),
                    java.util.Map.of("ETCDCTL_USER", "root", "ETCDCTL_PASSWORD", "rootpw"))) {
                EtcdCredentials fromEnvironment = EtcdCredentials.resolve(null, null, null, env::get);
                try (EtcdConnection ok = EtcdConnector.connect(new EtcdConnectOptions(endpoints, fromEnvironment, null, null))) {
                    assertEquals("root", ok.user());
                    assertEquals(0, EtcdSnapshot.open(ok).count(new byte[0]));
                }
            }
        }
    }

    @Test
    void tlsWithCaAndClientCertificate() throws Exception {
        try (EtcdServer server = EtcdServer.start(true)) {
            EtcdTls tls = new EtcdTls(server.caCert(), server.clientCert(), server.clientKey());
            try (EtcdConnection c = EtcdConnector.connect(new EtcdConnectOptions(EtcdEndpoints.parse(server.endpoint(), true), null, tls, null))) {
                assertEquals("https://" + server.endpoint(), c.endpoints().display());
                assertEquals(0, EtcdSnapshot.open(c).count(new byte[0]));
            }
            // Without the client certificate the server refuses the handshake: a clear failure, no hang.
            EtcdTls caOnly = new EtcdTls(server.caCert(), null, null);
            RwshException refused = assertThrows(RwshException.class, () -> EtcdConnector.connect(
                    new EtcdConnectOptions(EtcdEndpoints.parse(server.endpoint(), true), null, caOnly, Duration.ofSeconds(3))));
            assertTrue(refused.getMessage().startsWith("could not connect to etcd at https://" + server.endpoint()), refused.getMessage());
            RwshException halfPair = assertThrows(RwshException.class, () -> EtcdConnector.connect(new EtcdConnectOptions(
                    EtcdEndpoints.parse(server.endpoint(), true), null, new EtcdTls(server.caCert(), server.clientCert(), null), null)));
            assertTrue(halfPair.getMessage().contains("--cert and --key go together"), halfPair.getMessage());
        }
    }

    @Test
    void aConnectionClosedUnderACallSaysThatEtcdWentAway() throws Exception {
        try (EtcdServer server = EtcdServer.start(); EtcdConnection etcd = server.connect()) {
            // what grpc-netty reports when the channel closes under a call (etcd killed mid-read)
            java.util.concurrent.CompletableFuture<Object> call = java.util.concurrent.CompletableFuture.failedFuture(io.grpc.Status.UNKNOWN
                    .withDescription("channel closed").withCause(new java.nio.channels.ClosedChannelException()).asRuntimeException());
            RwshException e = assertThrows(RwshException.class, () -> etcd.await(call, "read"));
            assertTrue(e.getMessage().startsWith("etcd at " + server.endpoint() + " went away while trying to read it"), e.getMessage());
            assertTrue(e.getMessage().endsWith("check that etcd is running, then run the command again"), e.getMessage());
        }
    }
}
