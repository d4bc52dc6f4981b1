package dev.rwsh.commands.inspect;

import dev.rwsh.commands.meta.MetaCatalog;
import dev.rwsh.commands.meta.MetaCatalog.CatalogObject;
import dev.rwsh.proto.catalog.Connection;
import dev.rwsh.proto.catalog.Function;
import dev.rwsh.proto.catalog.Index;
import dev.rwsh.proto.catalog.Sink;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.Subscription;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.catalog.View;
import java.util.Locale;

/** A short, human description of a catalog object for listings. */
final class ObjectDetails {
    private ObjectDetails() {
    }

    static String of(CatalogObject o, MetaCatalog catalog) {
        Object m = o.catalog();
        if (m instanceof Table t) {
            return table(t);
        }
        if (m instanceof Index i) {
            return "on " + name(catalog, i.getPrimaryTableId()) + ", " + i.getIndexColumnsLen() + " key column" + (i.getIndexColumnsLen() == 1 ? "" : "s");
        }
        if (m instanceof Source s) {
            return s.getWithPropertiesOrDefault("connector", "?") + (s.getInfo().getCdcSourceJob() ? ", shared" : "")
                    + (s.hasAssociatedTableId() ? ", of table " + name(catalog, s.getAssociatedTableId()) : "");
        }
        if (m instanceof Sink s) {
            return s.getPropertiesOrDefault("connector", "?") + " from " + s.getSinkFromName()
                    + (s.hasTargetTable() ? " into " + name(catalog, s.getTargetTable()) : "");
        }
        if (m instanceof View v) {
            return v.getColumnsCount() + " columns";
        }
        if (m instanceof Subscription s) {
            return "on " + name(catalog, s.getDependentTableId()) + ", retention " + s.getRetentionSeconds() + " s";
        }
        if (m instanceof Function f) {
            return f.getLanguage() + " " + f.getKindCase().name().toLowerCase(Locale.ROOT) + ", " + f.getArgTypesCount() + " argument"
                    + (f.getArgTypesCount() == 1 ? "" : "s");
        }
        if (m instanceof Connection c && c.hasPrivateLinkService()) {
            return "private link " + c.getPrivateLinkService().getProvider().name().toLowerCase(Locale.ROOT);
        }
        return "";
    }

    private static String table(Table t) {
        StringBuilder out = new StringBuilder();
        out.append(t.getColumnsCount()).append(" columns");
        if (t.getAppendOnly()) {
            out.append(", append only");
        }
        if (t.hasAssociatedSourceId()) {
            out.append(", with connector");
        }
        if (t.hasCdcTableId()) {
            out.append(", cdc ").append(t.getCdcTableId());
        }
        if (t.getStreamJobStatus() == dev.rwsh.proto.catalog.StreamJobStatus.STREAM_JOB_STATUS_CREATING) {
            out.append(", creating");
        }
        return out.toString();
    }

    private static String name(MetaCatalog catalog, long tableId) {
        Table t = catalog.tables().get(tableId);
        return t == null ? "#" + tableId : t.getName();
    }
}
