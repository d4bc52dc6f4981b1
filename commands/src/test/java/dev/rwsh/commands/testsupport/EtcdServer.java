package dev.rwsh.commands.testsupport;

import dev.rwsh.commands.etcd.EtcdConnectOptions;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdConnector;
import dev.rwsh.commands.etcd.EtcdEndpoints;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.generator.GeneratedCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private etcd for tests that change server-wide settings (authentication), started from the
 * binary scripts/test found, on free loopback ports, in a temporary directory.
 */
public final class EtcdServer implements AutoCloseable {
    private final Process process;
    private final Path dir;
    private final String endpoint;
    private final boolean tls;

    private EtcdServer(Process process, Path dir, String endpoint, boolean tls) {
        this.process = process;
        this.dir = dir;
        this.endpoint = endpoint;
        this.tls = tls;
    }

    public static EtcdServer start() throws IOException, InterruptedException {
        return start(false);
    }

    /**
     * With {@code tls}, the client port speaks TLS with a certificate from a throwaway CA
     * ({@link #caCert()}) and requires a client certificate from the same CA ({@link #clientCert()},
     * {@link #clientKey()}).
     */
    public static EtcdServer start(boolean tls) throws IOException, InterruptedException {
        return start(tls, null, -1);
    }

    /** With extra etcd flags, such as {@code --max-request-bytes=4194304}. */
    public static EtcdServer startWith(String... extraFlags) throws IOException, InterruptedException {
        return start(false, null, -1, extraFlags);
    }

    /**
     * On an existing data directory (one {@code etcdctl snapshot restore} made, with member name
     * {@code t} and peer URL {@code http://127.0.0.1:PEERPORT}); the directory is moved into the
     * server's temporary directory and removed with it.
     */
    public static EtcdServer startOn(Path dataDir, int peerPort) throws IOException, InterruptedException {
        return start(false, dataDir, peerPort);
    }

    private static EtcdServer start(boolean tls, Path existingData, int peerPort, String... extraFlags) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("rwsh-etcd-");
        if (existingData != null) {
            Files.move(existingData, dir.resolve("data"));
        }
        int client = freePort();
        int peer = peerPort > 0 ? peerPort : freePort();
        String clientUrl = (tls ? "https" : "http") + "://127.0.0.1:" + client;
        String peerUrl = "http://127.0.0.1:" + peer;
        List<String> command = new ArrayList<>(List.of(TestServices.etcdBinary().toString(), "--name", "t",
                "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", "t=" + peerUrl));
        command.addAll(List.of(extraFlags));
        if (tls) {
            makeCertificates(dir);
            command.addAll(List.of("--cert-file", dir.resolve("server.crt").toString(), "--key-file", dir.resolve("server.key").toString(),
                    "--trusted-ca-file", dir.resolve("ca.crt").toString(), "--client-cert-auth"));
        }
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("etcd.log").toFile()).start();
        EtcdServer server = new EtcdServer(p, dir, "127.0.0.1:" + client, tls);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.etcdctl("endpoint", "health").exitValue() != 0) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                server.close();
                throw new IllegalStateException("private etcd did not start; log: " + Files.readString(dir.resolve("etcd.log")));
            }
            Thread.sleep(100);
        }
        return server;
    }

    public String endpoint() {
        return endpoint;
    }

    /** A new rwsh connection to this (plaintext) server. */
    public EtcdConnection connect() {
        return EtcdConnector.connect(new EtcdConnectOptions(EtcdEndpoints.parse(endpoint, false), null, null, null));
    }

    /** Writes a generated cluster into this server. */
    public GeneratedCluster generate(ClusterGenerator.Options options) {
        try (EtcdKeyValueSink sink = new EtcdKeyValueSink(endpoint)) {
            return ClusterGenerator.generate(options, sink);
        }
    }

    /** Writes a generated cluster whose meta node then stopped cleanly: its election key went with its revoked lease. */
    public GeneratedCluster generateStopped(ClusterGenerator.Options options) {
        try (EtcdKeyValueSink sink = new EtcdKeyValueSink(endpoint)) {
            GeneratedCluster g = ClusterGenerator.generate(options.withElectionLease(3600), sink);
            sink.client().getLeaseClient().revoke(g.electionLease()).get(10, java.util.concurrent.TimeUnit.SECONDS);
            return g;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not revoke the generated meta node's lease", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path caCert() {
        return dir.resolve("ca.crt");
    }

    public Path clientCert() {
        return dir.resolve("client.crt");
    }

    public Path clientKey() {
        return dir.resolve("client.key");
    }

    private static void makeCertificates(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=rwsh-test-ca");
        for (String name : new String[] {"server", "client"}) {
            openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
            openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", name + ".crt", "-days", "2", "-extfile", "san.ext");
        }
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }

    public void enableAuth(String rootUser, String password) throws IOException, InterruptedException {
        check(etcdctl("user", "add", rootUser + ":" + password));
        check(etcdctl("user", "grant-role", rootUser, "root"));
        check(etcdctl("auth", "enable"));
    }

    private static void check(Process p) throws IOException {
        if (p.exitValue() != 0) {
            throw new IllegalStateException("etcdctl failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    public Process etcdctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TestServices.etcdctlBinary().toString(), "--endpoints", endpoint));
        if (tls) {
            command.addAll(List.of("--cacert", caCert().toString(), "--cert", clientCert().toString(), "--key", clientKey().toString()));
        }
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("ETCDCTL_API", "3");
        Process p = pb.start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return p;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Stops the server's process (SIGSTOP) without ending it: every call to it then waits, so a test
     * can be sure a command reading or writing it is still running. {@link #resume()} undoes it.
     */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            resume(); // a paused etcd would not act on SIGTERM
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
