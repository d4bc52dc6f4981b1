package dev.rwsh.commands.testsupport;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.DeleteOption;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Writes test keys into the test etcd under a prefix of their own, and removes them afterwards.
 * Only tests write to etcd; rwsh itself reads.
 */
public final class EtcdTestData implements AutoCloseable {
    private final Client client;
    private final String prefix;

    public EtcdTestData(String endpoint) {
        this.client = Client.builder().endpoints("http://" + endpoint).maxInboundMessageSize(64 * 1024 * 1024).build();
        this.prefix = "rwsh-test/" + UUID.randomUUID() + "/";
    }

    /** The prefix every key of this instance lives under. */
    public String prefix() {
        return prefix;
    }

    public byte[] key(String suffix) {
        return (prefix + suffix).getBytes(StandardCharsets.UTF_8);
    }

    public void put(byte[] key, byte[] value) {
        try {
            client.getKVClient().put(ByteSequence.from(key), ByteSequence.from(value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("test put failed", e);
        }
    }

    public void put(String suffix, String value) {
        put(key(suffix), value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            ByteSequence p = ByteSequence.from(prefix, StandardCharsets.UTF_8);
            client.getKVClient().delete(p, DeleteOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("test cleanup failed", e);
        } finally {
            client.close();
        }
    }
}
