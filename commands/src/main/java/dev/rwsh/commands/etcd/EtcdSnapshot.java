package dev.rwsh.commands.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.grpc.Status;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A read-only view of etcd pinned to one revision: every page of every range read sees the
 * keyspace as it was at that revision, so a listing is consistent however long it takes, and
 * is streamed page by page rather than loaded whole.
 */
public final class EtcdSnapshot implements Keyspace {
    /** Aim for pages of about this many bytes; bounded below and above by the limits. */
    static final long TARGET_PAGE_BYTES = 8L * 1024 * 1024;
    static final int FIRST_PAGE_KEYS = 1_000;
    static final int MAX_PAGE_KEYS = 20_000;

    private final EtcdConnection connection;
    private final long revision;

    private EtcdSnapshot(EtcdConnection connection, long revision) {
        this.connection = connection;
        this.revision = revision;
    }

    /** Pins the current revision. */
    public static EtcdSnapshot open(EtcdConnection connection) {
        GetResponse probe = connection.get(ByteSequence.from(new byte[] {0}), GetOption.builder().withCountOnly(true).build());
        return new EtcdSnapshot(connection, probe.getHeader().getRevision());
    }

    public static EtcdSnapshot at(EtcdConnection connection, long revision) {
        return new EtcdSnapshot(connection, revision);
    }

    @Override
    public long revision() {
        return revision;
    }

    @Override
    public Optional<KeyValueEntry> get(byte[] key) {
        GetResponse response = connection.get(ByteSequence.from(key), GetOption.builder().withRevision(revision).build());
        return response.getKvs().stream().findFirst().map(kv -> toEntry(kv, false));
    }

    @Override
    public long count(byte[] prefix) {
        KeyRange range = KeyRange.prefix(prefix);
        GetResponse response = connection.get(ByteSequence.from(range.start()), GetOption.builder()
                .withRange(ByteSequence.from(range.end())).withCountOnly(true).withRevision(revision).build());
        return response.getCount();
    }

    /**
     * Streams every key under {@code prefix} in key order to {@code sink} until it returns false.
     * Pages are sized by bytes: large values (megabyte fragments) make smaller pages.
     */
    @Override
    public void scan(byte[] prefix, boolean keysOnly, Predicate<KeyValueEntry> sink) {
        KeyRange range = KeyRange.prefix(prefix);
        byte[] from = range.start();
        int pageKeys = keysOnly ? MAX_PAGE_KEYS : FIRST_PAGE_KEYS;
        while (true) {
            GetResponse page;
            try {
                page = connection.get(ByteSequence.from(from), GetOption.builder()
                        .withRange(ByteSequence.from(range.end()))
                        .withRevision(revision)
                        // No sort options: etcd returns a range in key order anyway, and any sort order
                        // makes it ignore the limit ("fetch everything; sort and truncate afterwards",
                        // etcdserver's rangeLimit), so every page would read the whole rest of the range.
                        .withKeysOnly(keysOnly)
                        .withLimit(pageKeys)
                        .build());
            } catch (RuntimeException e) {
                Status status = EtcdConnection.statusOf(e);
                if (status != null && status.getCode() == Status.Code.RESOURCE_EXHAUSTED && pageKeys > 1) {
                    pageKeys = Math.max(1, pageKeys / 4);
                    continue;
                }
                throw e;
            }
            long pageBytes = 0;
            byte[] last = null;
            for (KeyValue kv : page.getKvs()) {
                KeyValueEntry entry = toEntry(kv, keysOnly);
                pageBytes += entry.key().length + Math.max(0, entry.valueSize());
                last = entry.key();
                if (!sink.test(entry)) {
                    return;
                }
            }
            if (!page.isMore() || last == null) {
                return;
            }
            from = Arrays.copyOf(last, last.length + 1); // the next key after `last`
            if (!keysOnly) {
                long perKey = Math.max(1, pageBytes / page.getKvs().size());
                pageKeys = (int) Math.max(1, Math.min(MAX_PAGE_KEYS, TARGET_PAGE_BYTES / perKey));
            }
        }
    }

    private static KeyValueEntry toEntry(KeyValue kv, boolean keysOnly) {
        return new KeyValueEntry(kv.getKey().getBytes(), keysOnly ? null : kv.getValue().getBytes(),
                kv.getCreateRevision(), kv.getModRevision(), kv.getVersion(), kv.getLease());
    }
}
