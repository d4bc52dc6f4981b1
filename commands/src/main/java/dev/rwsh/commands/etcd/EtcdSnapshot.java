package dev.rwsh.commands.etcd;

import dev.rwsh.commands.CommandInterruptedException;
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
    /**
     * The first page of a scan with values asks for this few keys, whatever their size: nothing is
     * known about the values yet, and a few megabyte values must not make a first page of a
     * gigabyte. Later pages grow by {@link #PAGE_GROWTH} at most, toward the byte target.
     */
    static final int FIRST_PAGE_KEYS = 4;
    static final int PAGE_GROWTH = 4;
    static final int MAX_PAGE_KEYS = 20_000;

    /** One page a scan read: the limit asked for, the keys and the key and value bytes it got, the revision it was read at. */
    record Page(int limit, int keys, long bytes, long maxEntryBytes, long revision) {
    }

    private final EtcdConnection connection;
    private final long revision;
    /** Sees every page a scan reads (tests); never null. */
    private java.util.function.Consumer<Page> pageListener = page -> { };

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

    /** Lets a test see the pages scans read. */
    EtcdSnapshot onPage(java.util.function.Consumer<Page> listener) {
        this.pageListener = listener;
        return this;
    }

    /**
     * The limit of the page after one of {@code keys} keys and {@code bytes} bytes that asked for
     * {@code limit}: enough keys of the page's average size to fill the byte target, but at most
     * {@link #PAGE_GROWTH} times the last limit, so a page of small values does not let the next
     * one read thousands of large ones; a page over the target shrinks the next one.
     */
    static int nextPageKeys(int limit, int keys, long bytes) {
        long perKey = Math.max(1, bytes / Math.max(1, keys));
        long byBytes = Math.max(1, TARGET_PAGE_BYTES / perKey);
        long grown = (long) limit * PAGE_GROWTH;
        return (int) Math.max(1, Math.min(MAX_PAGE_KEYS, Math.min(byBytes, grown)));
    }

    /** The live etcd this snapshot reads. */
    public EtcdConnection connection() {
        return connection;
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
     * Pages are sized by bytes: the first asks for {@link #FIRST_PAGE_KEYS} keys, and each later one
     * for as many keys of the previous page's average size as fill {@link #TARGET_PAGE_BYTES}
     * (growing at most {@link #PAGE_GROWTH}-fold a page), so large values (megabyte fragments)
     * make small pages from the first request on. Keys-only scans ask for {@link #MAX_PAGE_KEYS}.
     */
    @Override
    public void scan(byte[] prefix, boolean keysOnly, Predicate<KeyValueEntry> sink) {
        KeyRange range = KeyRange.prefix(prefix);
        byte[] from = range.start();
        int pageKeys = keysOnly ? MAX_PAGE_KEYS : FIRST_PAGE_KEYS;
        while (true) {
            CommandInterruptedException.throwIfInterrupted();
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
            long maxEntry = 0;
            for (KeyValue kv : page.getKvs()) {
                long size = kv.getKey().size() + (keysOnly ? 0 : kv.getValue().size());
                pageBytes += size;
                maxEntry = Math.max(maxEntry, size);
            }
            int keys = page.getKvs().size();
            pageListener.accept(new Page(pageKeys, keys, pageBytes, maxEntry, revision));
            byte[] last = null;
            for (KeyValue kv : page.getKvs()) {
                CommandInterruptedException.throwIfInterrupted();
                KeyValueEntry entry = toEntry(kv, keysOnly);
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
                pageKeys = nextPageKeys(pageKeys, keys, pageBytes);
            }
        }
    }

    private static KeyValueEntry toEntry(KeyValue kv, boolean keysOnly) {
        return new KeyValueEntry(kv.getKey().getBytes(), keysOnly ? null : kv.getValue().getBytes(),
                kv.getCreateRevision(), kv.getModRevision(), kv.getVersion(), kv.getLease());
    }
}
