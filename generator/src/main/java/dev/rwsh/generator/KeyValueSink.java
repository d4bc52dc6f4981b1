package dev.rwsh.generator;

/**
 * Where generated metadata goes: an etcd, a backup file, a map in a test. Keys and values are the
 * exact bytes RisingWave's meta node would have stored.
 */
public interface KeyValueSink {

    void put(byte[] key, byte[] value);

    /**
     * Puts a key held by a lease of {@code ttlSeconds} (as RisingWave's leader election does) and
     * returns the lease id. A sink without leases stores the key plainly and returns {@code
     * suggestedLease}.
     */
    default long putWithLease(LeasedKey key, byte[] value, long ttlSeconds, long suggestedLease) {
        put(key.keyFor(suggestedLease), value);
        return suggestedLease;
    }

    /** Makes every put so far durable; called once at the end. */
    default void flush() {
    }

    /** A key whose name depends on the lease that holds it. */
    @FunctionalInterface
    interface LeasedKey {
        byte[] keyFor(long leaseId);
    }
}
