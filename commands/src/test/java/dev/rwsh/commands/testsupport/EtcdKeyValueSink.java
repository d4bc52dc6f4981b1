package dev.rwsh.commands.testsupport;

import dev.rwsh.generator.KeyValueSink;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes generated metadata into an etcd in transactions that respect etcd's default limits
 * (128 operations and 1.5 MiB per request), several in flight at once.
 */
public final class EtcdKeyValueSink implements KeyValueSink, AutoCloseable {
    static final int MAX_OPS = 128;
    static final int MAX_BYTES = 1024 * 1024;
    static final int IN_FLIGHT = 8;

    private final Client client;
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Op> batch = new ArrayList<>();
    private int batchBytes;
    private long puts;

    public EtcdKeyValueSink(String endpoint) {
        this.client = Client.builder().endpoints("http://" + endpoint).maxInboundMessageSize(64 * 1024 * 1024).build();
    }

    public Client client() {
        return client;
    }

    public long puts() {
        return puts;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        add(Op.put(ByteSequence.from(key), ByteSequence.from(value), PutOption.DEFAULT), key.length + value.length);
    }

    @Override
    public long putWithLease(LeasedKey key, byte[] value, long ttlSeconds, long suggestedLease) {
        try {
            long lease = client.getLeaseClient().grant(ttlSeconds).get(10, TimeUnit.SECONDS).getID();
            byte[] k = key.keyFor(lease);
            add(Op.put(ByteSequence.from(k), ByteSequence.from(value), PutOption.builder().withLeaseId(lease).build()), k.length + value.length);
            return lease;
        } catch (Exception e) {
            throw new IllegalStateException("could not grant a lease", e);
        }
    }

    private void add(Op op, int bytes) {
        if (!batch.isEmpty() && (batch.size() == MAX_OPS || batchBytes + bytes > MAX_BYTES)) {
            send();
        }
        batch.add(op);
        batchBytes += bytes + 16;
        puts++;
    }

    private void send() {
        if (batch.isEmpty()) {
            return;
        }
        check();
        Op[] ops = batch.toArray(Op[]::new);
        batch.clear();
        batchBytes = 0;
        slots.acquireUninterruptibly();
        CompletableFuture<?> done = client.getKVClient().txn().Then(ops).commit();
        done.whenComplete((r, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
            slots.release();
        });
    }

    private void check() {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("writing to etcd failed", e);
        }
    }

    @Override
    public void flush() {
        send();
        slots.acquireUninterruptibly(IN_FLIGHT);
        slots.release(IN_FLIGHT);
        check();
    }

    @Override
    public void close() {
        client.close();
    }
}
