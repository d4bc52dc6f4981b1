package dev.rwsh.commands.etcd;

import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.cluster.Member;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.etcd.jetcd.options.GetOption;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An open connection to an etcd cluster. Every call is bounded by the connection's timeout and
 * turns gRPC failures into one-line {@link RwshException}s that name the endpoint.
 * rwsh only reads through this class; the one writer is an explicit {@code backup restore}.
 */
public final class EtcdConnection implements AutoCloseable {
    private final Client client;
    private final EtcdConnectOptions options;

    EtcdConnection(Client client, EtcdConnectOptions options) {
        this.client = client;
        this.options = options;
    }

    public EtcdEndpoints endpoints() {
        return options.endpoints();
    }

    /** The user name, or null when connected without authentication. */
    public String user() {
        return options.credentials() == null ? null : options.credentials().user();
    }

    public Duration timeout() {
        return options.timeout();
    }

    public KV kv() {
        return client.getKVClient();
    }

    public GetResponse get(ByteSequence key, GetOption option) {
        return await(kv().get(key, option), "read from");
    }

    public List<Member> members() {
        return await(client.getClusterClient().listMember(), "list the members of").getMembers();
    }

    public StatusResponse status(URI member) {
        return await(client.getMaintenanceClient().statusMember(member.toString()), "get the status of");
    }

    /**
     * Seconds left on a lease, as etcd reports it: -1 when the lease has expired or never existed.
     * Only reads; nothing is kept alive.
     */
    public long leaseTimeToLive(long leaseId) {
        return await(client.getLeaseClient().timeToLive(leaseId, io.etcd.jetcd.options.LeaseOption.DEFAULT), "read a lease from").getTTL();
    }

    /** The alarms raised on the cluster (NOSPACE, CORRUPT), as "member hex: TYPE". */
    public List<String> alarms() {
        return await(client.getMaintenanceClient().listAlarms(), "list the alarms of").getAlarms().stream()
                .map(a -> Long.toHexString(a.getMemberId()) + ": " + a.getAlarmType()).toList();
    }

    /**
     * Streams etcd's own snapshot (the bbolt database, as {@code etcdctl snapshot save} gets it)
     * from the member the client talks to into {@code out}; returns its size. Not bounded by the
     * timeout: a large database takes a while. Interruptible.
     */
    public long snapshot(java.io.OutputStream out) {
        CompletableFuture<Long> call = client.getMaintenanceClient().snapshot(out);
        try {
            return call.get();
        } catch (InterruptedException e) {
            call.cancel(true);
            throw new CommandInterruptedException("interrupted while reading the snapshot from etcd at " + endpoints().display(), e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), "read a snapshot from");
        }
    }

    /** Waits for an etcd call, translating its failure into a message that says what to do. */
    public <T> T await(CompletableFuture<T> call, String action) {
        try {
            return call.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw RwshException.failed("could not " + action + " etcd at " + endpoints().display() + ": no answer within "
                    + options.timeout().toSeconds() + " s; check that etcd is running and the endpoint is right", e);
        } catch (InterruptedException e) {
            call.cancel(true);
            throw new CommandInterruptedException("interrupted while waiting for etcd at " + endpoints().display(), e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), action);
        }
    }

    private RwshException translate(Throwable cause, String action) {
        Status status = statusOf(cause);
        String where = "etcd at " + endpoints().display();
        if (status == null) {
            return RwshException.failed("could not " + action + " " + where + ": " + describe(cause), cause);
        }
        String detail = status.getDescription() == null ? status.getCode().name() : status.getDescription();
        if (causedBy(cause, java.nio.channels.ClosedChannelException.class)) {
            // gRPC reports a connection that closed under a call as UNKNOWN "channel closed"
            return RwshException.failed(where + " went away while trying to " + action + " it (its connection closed: etcd stopped, "
                    + "restarted or the network broke); check that etcd is running, then run the command again", cause);
        }
        return switch (status.getCode()) {
            case UNAVAILABLE -> RwshException.failed("could not " + action + " " + where + ": unavailable (" + detail
                    + "); check that etcd is running and the endpoint is right", cause);
            case UNAUTHENTICATED, PERMISSION_DENIED -> RwshException.failed(where + " refused user '" + user() + "': " + detail
                    + "; check the user and password", cause);
            case DEADLINE_EXCEEDED -> RwshException.failed("could not " + action + " " + where + ": deadline exceeded (" + detail + ")", cause);
            case RESOURCE_EXHAUSTED -> RwshException.failed("could not " + action + " " + where + ": response too large (" + detail + ")", cause);
            case OUT_OF_RANGE -> RwshException.failed("could not " + action + " " + where + ": " + detail
                    + " (the pinned revision was compacted; run the command again)", cause);
            default -> RwshException.failed("could not " + action + " " + where + ": " + status.getCode() + " " + detail, cause);
        };
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The gRPC status behind a failure, if any, however deep jetcd wrapped it. */
    public static Status statusOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StatusRuntimeException sre) {
                return sre.getStatus();
            }
            if (t instanceof io.grpc.StatusException se) {
                return se.getStatus();
            }
        }
        return null;
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        client.close();
    }
}
