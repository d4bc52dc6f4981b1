package dev.rwsh.commands.testsupport;

import dev.rwsh.commands.etcd.KeyRange;
import dev.rwsh.commands.etcd.KeyValueEntry;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.generator.KeyValueSink;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** A keyspace in memory, ordered as etcd orders keys; also a sink to generate into. For unit tests. */
public final class MemoryKeyspace implements Keyspace, KeyValueSink {
    private final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
    private final Map<String, Long> leases = new TreeMap<>();

    public Map<byte[], byte[]> entries() {
        return entries;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        entries.put(key, value);
    }

    @Override
    public long putWithLease(LeasedKey key, byte[] value, long ttlSeconds, long suggestedLease) {
        byte[] k = key.keyFor(suggestedLease);
        entries.put(k, value);
        leases.put(Arrays.toString(k), suggestedLease);
        return suggestedLease;
    }

    @Override
    public long revision() {
        return 1;
    }

    @Override
    public Optional<KeyValueEntry> get(byte[] key) {
        byte[] v = entries.get(key);
        return v == null ? Optional.empty() : Optional.of(entry(key, v));
    }

    @Override
    public long count(byte[] prefix) {
        long[] n = {0};
        scan(prefix, true, e -> ++n[0] > 0);
        return n[0];
    }

    @Override
    public void scan(byte[] prefix, boolean keysOnly, Predicate<KeyValueEntry> sink) {
        KeyRange range = KeyRange.prefix(prefix);
        Map<byte[], byte[]> view = prefix.length == 0 ? entries
                : Arrays.equals(range.end(), new byte[] {0}) ? entries.tailMap(range.start(), true) : entries.subMap(range.start(), range.end());
        for (Map.Entry<byte[], byte[]> e : view.entrySet()) {
            if (!sink.test(keysOnly ? new KeyValueEntry(e.getKey(), null, 1, 1, 1, 0) : entry(e.getKey(), e.getValue()))) {
                return;
            }
        }
    }

    private KeyValueEntry entry(byte[] key, byte[] value) {
        Long lease = leases.get(Arrays.toString(key));
        return new KeyValueEntry(key, value, 1, 1, 1, lease == null ? 0 : lease);
    }
}
