package dev.rwsh.commands.backup;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.backupfile.Varint;
import dev.rwsh.commands.etcd.EtcdConnection;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * <b>The one place where rwsh writes to etcd.</b> Every other class only reads; {@code backup
 * restore} is the only command that reaches this class, and only against a live etcd the user
 * connected to (never a backup source).
 *
 * <p>Writes go in transactions that respect the target's limits: at most {@code maxOps}
 * operations and at most {@code maxRequestBytes} per request, the request size computed from the
 * protobuf encoding etcd receives plus {@link #REQUEST_OVERHEAD} for etcd's own raft header. Up to
 * {@link #IN_FLIGHT} transactions are in flight at once (they touch disjoint keys, so their order
 * does not matter). {@link #accepts} asks the target whether it takes a request of a given size
 * and operation count with a transaction whose guard can never hold, so nothing is written.
 */
public final class EtcdRestoreWriter {
    /** etcd's defaults: {@code --max-request-bytes} 1.5 MiB and {@code --max-txn-ops} 128. */
    public static final long ETCD_DEFAULT_MAX_REQUEST_BYTES = 1_572_864;
    public static final int ETCD_DEFAULT_MAX_TXN_OPS = 128;
    /** etcd wraps a write in a raft request with a header (id, user, auth revision): allow for it. */
    static final int REQUEST_OVERHEAD = 128;
    static final int IN_FLIGHT = 4;
    private static final byte[] PROBE_KEY = "\u0000rwsh-restore-probe/".getBytes(StandardCharsets.US_ASCII);

    private final EtcdConnection etcd;
    private final long maxRequestBytes;
    private final int maxOps;
    private final ArrayDeque<CompletableFuture<TxnResponse>> inFlight = new ArrayDeque<>();
    private List<Op> batch = new ArrayList<>();
    private long batchBytes;
    private long puts;
    private long deletes;
    private long transactions;
    private long committedPuts;
    private long committedDeletes;
    private final ArrayDeque<long[]> inFlightCounts = new ArrayDeque<>();

    public EtcdRestoreWriter(EtcdConnection etcd, long maxRequestBytes, int maxOps) {
        this.etcd = etcd;
        this.maxRequestBytes = maxRequestBytes;
        this.maxOps = maxOps;
    }

    // --- request sizes, as protobuf encodes etcd's TxnRequest ---

    static int varintSize(long v) {
        return Varint.size(v);
    }

    private static long field(long len) {
        return 1 + varintSize(len) + len;
    }

    /** The bytes one put adds to a TxnRequest: RequestOp{request_put: PutRequest{key, value}} in {@code success}. */
    public static long putBytes(int keyLength, int valueLength) {
        long put = field(keyLength) + (valueLength > 0 ? field(valueLength) : 0);
        return field(field(put));
    }

    /** The bytes one delete adds: RequestOp{request_delete_range: DeleteRangeRequest{key}}. */
    public static long deleteBytes(int keyLength) {
        return field(field(field(keyLength)));
    }

    /** The request size etcd sees for a transaction whose operations add {@code opsBytes}. */
    public static long requestBytes(long opsBytes) {
        return opsBytes + REQUEST_OVERHEAD;
    }

    // --- probing the target's limits without writing ---

    /**
     * Whether the target accepts one transaction of {@code ops} puts totalling about
     * {@code requestBytes}. The transaction's guard ({@code version < 0}) never holds and it has
     * no else branch, so etcd checks and logs the request but changes nothing.
     */
    public boolean accepts(long requestBytes, int ops) {
        List<Op> probe = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < ops - 1; i++) {
            byte[] key = probeKey(i);
            probe.add(Op.put(ByteSequence.from(key), ByteSequence.EMPTY, PutOption.DEFAULT));
            bytes += putBytes(key.length, 0);
        }
        byte[] key = probeKey(ops - 1);
        long room = requestBytes - requestBytes(bytes) - putBytes(key.length, 0) - 8;
        int valueLength = (int) Math.max(0, room);
        probe.add(Op.put(ByteSequence.from(key), ByteSequence.from(new byte[valueLength]), PutOption.DEFAULT));
        try {
            TxnResponse r = etcd.await(etcd.kv().txn()
                    .If(new Cmp(ByteSequence.from(key), Cmp.Op.LESS, CmpTarget.version(0)))
                    .Then(probe.toArray(new Op[0]))
                    .commit(), "probe the limits of");
            if (r.isSucceeded()) {
                throw new IllegalStateException("a never-true guard held");
            }
            return true;
        } catch (RwshException e) {
            if (isTooLarge(e.getCause())) {
                return false;
            }
            throw e;
        }
    }

    private static byte[] probeKey(int i) {
        byte[] suffix = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[PROBE_KEY.length + suffix.length];
        System.arraycopy(PROBE_KEY, 0, key, 0, PROBE_KEY.length);
        System.arraycopy(suffix, 0, key, PROBE_KEY.length, suffix.length);
        return key;
    }

    /**
     * Whether a probe was refused for its size: gRPC's message limit (RESOURCE_EXHAUSTED), or etcd's
     * request size or operation count limit (INVALID_ARGUMENT). Decided by the status code alone: a
     * probe is otherwise well-formed (distinct, non-empty keys, a valid guard), so etcd has no other
     * reason to call it an invalid argument.
     */
    private static boolean isTooLarge(Throwable error) {
        Status status = EtcdConnection.statusOf(error);
        return status != null && (status.getCode() == Status.Code.RESOURCE_EXHAUSTED || status.getCode() == Status.Code.INVALID_ARGUMENT);
    }

    // --- writing ---

    public void put(byte[] key, byte[] value) {
        add(Op.put(ByteSequence.from(key), ByteSequence.from(value), PutOption.DEFAULT), putBytes(key.length, value.length));
        puts++;
    }

    public void delete(byte[] key) {
        add(Op.delete(ByteSequence.from(key), DeleteOption.DEFAULT), deleteBytes(key.length));
        deletes++;
    }

    private void add(Op op, long bytes) {
        if (!batch.isEmpty() && (batch.size() >= maxOps || requestBytes(batchBytes + bytes) > maxRequestBytes)) {
            submit();
        }
        batch.add(op);
        batchBytes += bytes;
    }

    private void submit() {
        if (batch.isEmpty()) {
            return;
        }
        while (inFlight.size() >= IN_FLIGHT) {
            awaitOldest();
        }
        long[] counts = {0, 0};
        for (Op op : batch) {
            counts[op instanceof Op.DeleteOp ? 1 : 0]++;
        }
        inFlight.add(etcd.kv().txn().Then(batch.toArray(new Op[0])).commit());
        inFlightCounts.add(counts);
        transactions++;
        batch = new ArrayList<>();
        batchBytes = 0;
    }

    private void awaitOldest() {
        CompletableFuture<TxnResponse> oldest = inFlight.poll();
        long[] counts = inFlightCounts.poll();
        // A transaction sent may commit whatever this thread does: Ctrl-C waits for its answer (etcd.await
        // would give it up), so the counts say exactly what was written; the restore stops at its next key.
        boolean interrupted = awaitUninterruptibly(oldest);
        try {
            etcd.await(oldest, "write to");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        committedPuts += counts[0];
        committedDeletes += counts[1];
    }

    /** Waits until {@code call} is done or the connection's timeout passed; returns whether an interrupt came meanwhile. */
    private boolean awaitUninterruptibly(CompletableFuture<?> call) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + etcd.timeout().toNanos();
        while (!call.isDone() && deadline - System.nanoTime() > 0) {
            try {
                call.get(deadline - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                    | java.util.concurrent.CancellationException e) {
                break; // etcd.await says what failed
            }
        }
        return interrupted;
    }

    /** Sends what is batched and waits for every transaction. */
    public void flush() {
        submit();
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
    }

    /** After a failure: waits for what is still in flight, ignoring errors, so the counts are true. */
    public void drainQuietly() {
        while (!inFlight.isEmpty()) {
            try {
                awaitOldest();
            } catch (RuntimeException e) {
                // already failing; keep counting what did land
            }
        }
    }

    public long committedPuts() {
        return committedPuts;
    }

    public long committedDeletes() {
        return committedDeletes;
    }

    public long transactions() {
        return transactions;
    }

    public long puts() {
        return puts;
    }

    public long deletes() {
        return deletes;
    }
}
