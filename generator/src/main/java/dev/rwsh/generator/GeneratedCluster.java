package dev.rwsh.generator;

import java.util.Map;

/**
 * What {@link ClusterGenerator} wrote, counted from its own model (not by reading back).
 *
 * @param clusterId the cluster's UUID
 * @param keysPerFamily keys written per column family name ({@code cf/catalog_table}, {@code default}, ...;
 *     the cluster id counts as {@code cf/cluster_id})
 * @param objects catalog objects per kind: database, schema, user, table, materialized_view, index,
 *     internal, source, sink, view, function, connection, secret, subscription
 * @param jobs streaming jobs (keys of cf/table_fragments)
 * @param fragments fragments over all jobs
 * @param actors actors over all jobs
 * @param compressedValues values stored gzip-compressed
 * @param largestValue size of the largest stored value
 */
public record GeneratedCluster(String clusterId, Map<String, Long> keysPerFamily, long totalKeys, long totalBytes, Map<String, Integer> objects,
        int jobs, long fragments, long actors, int compressedValues, int largestValue, int versionDeltas, long electionLease) {
}
