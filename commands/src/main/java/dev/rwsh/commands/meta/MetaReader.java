package dev.rwsh.commands.meta;

import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.rwsh.commands.etcd.KeyValueEntry;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.proto.summary.JobSummary;
import dev.rwsh.proto.summary.VersionDeltaSummary;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * RisingWave's metadata, decoded, over any {@link Keyspace} (a live etcd pinned to one revision, a
 * backup file). Listing streams: a family is never held in memory here.
 */
public final class MetaReader {
    /** Reads cf/table_fragments without stream plans, bitmaps and mappings (they are skipped, not copied). */
    public static final Parser<JobSummary> JOB_SUMMARY = DiscardUnknownFieldsParser.wrap(JobSummary.parser());
    /** Reads cf/hummock_1 without the SST lists. */
    public static final Parser<VersionDeltaSummary> DELTA_SUMMARY = DiscardUnknownFieldsParser.wrap(VersionDeltaSummary.parser());

    private final Keyspace keyspace;

    public MetaReader(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public long revision() {
        return keyspace.revision();
    }

    /** Streams the decoded entries of a family in etcd key order until {@code sink} returns false. */
    public void scan(ColumnFamily family, Predicate<MetaEntry> sink) {
        scan(family, family.parser(), sink);
    }

    /**
     * Streams a model family decoded with another parser of the same wire type, such as
     * {@link #JOB_SUMMARY} for {@link ColumnFamily#TABLE_FRAGMENTS}.
     */
    public void scan(ColumnFamily family, Parser<? extends Message> parser, Predicate<MetaEntry> sink) {
        if (family == ColumnFamily.CLUSTER_ID) {
            get(family, ColumnFamily.CLUSTER_ID_KEY).ifPresent(sink::test);
            return;
        }
        keyspace.scan(family.prefix(), false, kv -> sink.test(MetaDecoder.decode(family, kv, parser)));
    }

    /** Every key of the keyspace, decoded by the family its prefix names (unknown keys carry an error). */
    public void scanAll(Predicate<MetaEntry> sink) {
        keyspace.scan(new byte[0], false, kv -> sink.test(MetaDecoder.decode(kv)));
    }

    /** One entry by its key bytes (after the family prefix). */
    public Optional<MetaEntry> get(ColumnFamily family, byte[] keyBytes) {
        byte[] etcdKey = family == ColumnFamily.CLUSTER_ID ? ColumnFamily.clusterIdKey() : family.etcdKey(keyBytes);
        Optional<KeyValueEntry> kv = keyspace.get(etcdKey);
        return kv.map(e -> MetaDecoder.decode(family, e));
    }

    public Optional<MetaEntry> get(ColumnFamily family, String key) {
        return get(family, key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** One model entry by id, decoded with another parser of the same wire type. */
    public Optional<MetaEntry> getById(ColumnFamily family, long id, Parser<? extends Message> parser) {
        return keyspace.get(family.etcdKey(MetaKeys.encodeId(id))).map(e -> MetaDecoder.decode(family, e, parser));
    }

    /** A model entry by id (u32 or u64 families). */
    public Optional<MetaEntry> getById(ColumnFamily family, long id) {
        return get(family, MetaKeys.encodeId(id));
    }

    public long count(ColumnFamily family) {
        if (family == ColumnFamily.CLUSTER_ID) {
            return keyspace.get(ColumnFamily.clusterIdKey()).isPresent() ? 1 : 0;
        }
        return keyspace.count(family.prefix());
    }

    /** The full streaming job of one id, with plans. */
    public Optional<MetaEntry> tableFragments(long jobId) {
        return getById(ColumnFamily.TABLE_FRAGMENTS, jobId);
    }

}
