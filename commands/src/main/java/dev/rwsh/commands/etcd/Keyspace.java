package dev.rwsh.commands.etcd;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * A read-only keyspace frozen at one revision: a live etcd pinned to a revision today, a backup
 * file later. Raw key commands and the metadata decoders read through this and nothing else.
 */
public interface Keyspace {

    /** The revision every read sees. */
    long revision();

    Optional<KeyValueEntry> get(byte[] key);

    long count(byte[] prefix);

    /** Streams the keys under {@code prefix} in key order until {@code sink} returns false. */
    void scan(byte[] prefix, boolean keysOnly, Predicate<KeyValueEntry> sink);
}
