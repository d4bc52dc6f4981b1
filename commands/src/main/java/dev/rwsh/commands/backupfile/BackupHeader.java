package dev.rwsh.commands.backupfile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a backup says about itself at its start (JSON in the file). The counts, known only at the
 * end, are in the trailer: {@link BackupSummary}. Unknown fields are ignored, so later versions
 * can add fields that this reader skips.
 *
 * @param kind {@code keys} (rwsh's own format; etcd snapshots are not in this format)
 * @param createdAt ISO-8601 UTC time the revision was pinned
 * @param etcdClusterId the etcd cluster id in hex, as etcdctl shows it
 * @param etcdMemberId the member that answered, in hex
 * @param etcdEndpoints the endpoints the backup was read from (no credentials)
 * @param rwClusterId the text of {@code cf/cluster_id}, or null when absent
 * @param revision the etcd revision every pair was read at
 * @param prefixHex the key prefix saved, hex (empty: the whole keyspace)
 * @param codec the block compression: {@code deflate}
 * @param rwshVersion the rwsh that wrote the file
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackupHeader(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("kind") String kind,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("etcd_cluster_id") String etcdClusterId,
        @JsonProperty("etcd_member_id") String etcdMemberId,
        @JsonProperty("etcd_endpoints") String etcdEndpoints,
        @JsonProperty("rw_cluster_id") String rwClusterId,
        @JsonProperty("revision") long revision,
        @JsonProperty("prefix_hex") String prefixHex,
        @JsonProperty("codec") String codec,
        @JsonProperty("rwsh_version") String rwshVersion) {

    public byte[] prefix() {
        return prefixHex == null ? new byte[0] : java.util.HexFormat.of().parseHex(prefixHex);
    }
}
