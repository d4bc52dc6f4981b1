package dev.rwsh.commands.meta;

import com.google.protobuf.Message;

/**
 * One decoded etcd key of RisingWave's meta store.
 *
 * @param family the column family, or null for a key of no known family
 * @param etcdKey the whole etcd key
 * @param key the decoded key: an id, {@code host:port}, a name, a lease id
 * @param id the id the key encodes, for id-keyed families; else null
 * @param storedBytes the value's size in etcd
 * @param compressed whether the value was stored gzip-compressed
 * @param message the decoded protobuf value, for model families and the migration plan
 * @param text the value as text, for text values
 * @param number the value as an unsigned 64-bit number, for counters
 * @param error why the value (or key) did not decode; the other value fields are then null
 * @param warning something odd about a value that did decode (an id that differs from its key,
 *     a name RisingWave does not know)
 */
public record MetaEntry(ColumnFamily family, byte[] etcdKey, String key, Long id, int storedBytes, boolean compressed,
        Message message, String text, Long number, String error, String warning, long modRevision, long lease) {

    public boolean ok() {
        return error == null;
    }
}
