package dev.rwsh.commands.preflight;

import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.rwsh.commands.meta.MetaCatalog;
import dev.rwsh.commands.preflight.PreflightCommand.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every catalog object that records the version that created it was created by v2.0.5 or later. */
final class WriterVersionCheck extends PreflightCheck {
    /** The guide asks for this version or later before migrating (it carries migration fixes). */
    static final int[] MIN_VERSION = {2, 0, 5};

    WriterVersionCheck() {
        super("version that wrote the metadata");
    }

    @Override
    public List<Check> run(PreflightContext context) {
        MetaCatalog catalog = context.catalog();
        List<String> old = new ArrayList<>();
        Map<String, Integer> versions = new TreeMap<>();
        int internal = 0;
        for (MetaCatalog.CatalogObject o : catalog.objects()) {
            FieldDescriptor f = o.catalog().getDescriptorForType().findFieldByName("created_at_cluster_version");
            if (f == null || !o.catalog().hasField(f)) {
                continue;
            }
            String v = (String) o.catalog().getField(f);
            if (olderThanMinimum(v)) {
                versions.merge(v, 1, Integer::sum);
                if (o.kind() == MetaCatalog.Kind.INTERNAL_TABLE) {
                    internal++;
                } else {
                    old.add(o.kind().label() + " " + catalog.qualifiedName(o));
                }
            }
        }
        if (old.isEmpty() && internal == 0) {
            return List.of(ok("every catalog object that records its version was created by v2.0.5 or later"));
        }
        int n = old.size() + internal;
        return List.of(warning(n + " catalog object(s) created by a version older than v2.0.5 "
                + versions + ": " + String.join(", ", old.subList(0, Math.min(5, old.size()))) + (old.size() > 5 ? ", ..." : "")
                + (internal > 0 ? " (and " + internal + " internal table(s))" : ""),
                "RisingWave's guide asks to run v2.0.5 or later before migrating: upgrade the cluster to v2.0.7, start it once, stop it, preflight again"));
    }

    /** Whether a version text such as "1.9.1", "v2.0.4" or "2.0.0-rc.1" is older than v2.0.5. Unparseable texts are not. */
    static boolean olderThanMinimum(String version) {
        if (version == null) {
            return false;
        }
        String v = version.trim();
        if (v.startsWith("v") || v.startsWith("V")) {
            v = v.substring(1);
        }
        String[] parts = v.split("[.\\-+ ]");
        int[] n = new int[3];
        for (int i = 0; i < 3; i++) {
            if (i >= parts.length || !parts[i].matches("\\d+")) {
                if (i == 0) {
                    return false;
                }
                break;
            }
            n[i] = Integer.parseInt(parts[i]);
        }
        for (int i = 0; i < 3; i++) {
            if (n[i] != MIN_VERSION[i]) {
                return n[i] < MIN_VERSION[i];
            }
        }
        return false;
    }
}
