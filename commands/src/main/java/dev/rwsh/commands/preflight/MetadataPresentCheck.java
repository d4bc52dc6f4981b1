package dev.rwsh.commands.preflight;

import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.preflight.PreflightCommand.Check;
import java.util.List;

/** The source holds RisingWave's cluster id (cf/cluster_id), which the metadata checks need. */
final class MetadataPresentCheck extends PreflightCheck {
    MetadataPresentCheck() {
        super("RisingWave metadata present");
    }

    @Override
    public List<Check> run(PreflightContext context) {
        context.clusterId = context.reader.get(ColumnFamily.CLUSTER_ID, ColumnFamily.CLUSTER_ID_KEY)
                .map(e -> e.text() == null ? "?" : e.text().trim()).orElse(null);
        if (context.clusterId != null) {
            return List.of(ok("cluster id " + context.clusterId));
        }
        return List.of(context.offlineSource != null
                ? failed("no cf/cluster_id in the backup", "use a backup of the meta store's etcd")
                : failed("no cf/cluster_id at revision " + context.revision + ": this etcd holds no RisingWave meta store (or another prefix "
                        + "does)", "point --etcd-endpoints at the meta store's etcd"));
    }
}
