package dev.rwsh.commands.config;

import static dev.rwsh.commands.config.ConfigEmitCommand.MASK;

import dev.rwsh.commands.config.ConfigEmitResult.RemovedSetting;
import dev.rwsh.commands.sql.SqlBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds one style's text of {@code config emit}. */
final class ConfigEmitter {
    private static final String RW = "risingwavelabs/risingwave v2.0.7";
    private static final String OPERATOR = "risingwavelabs/risingwave-operator v0.8.4";
    private static final String HELM = "risingwavelabs/helm-charts risingwave-0.2.9 (appVersion v2.0.4)";

    private final MetaStoreTarget t;
    private final ConfigStyle style;
    private final boolean show;
    private final String secretName;
    private final List<String> lines = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<RemovedSetting> removed = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();

    ConfigEmitter(MetaStoreTarget target, ConfigStyle style, boolean show, String secretName) {
        this.t = target;
        this.style = style;
        this.show = show;
        this.secretName = secretName;
    }

    ConfigEmitResult emit() {
        warnings.addAll(t.notes());
        switch (style) {
            case FLAGS -> flags();
            case SPLIT_FLAGS -> splitFlags();
            case ENV -> env();
            case TOML -> toml();
            case OPERATOR -> operator();
            case HELM -> helm();
        }
        List<String> out = new ArrayList<>();
        out.add("# rwsh config emit --style " + style.id() + ": RisingWave v2.0.7 meta node on a " + t.backend().rwName() + " meta store");
        out.add("# from " + t.display());
        out.add("# field names checked against " + String.join("; ", checked));
        if (!show && t.password() != null) {
            out.add("# the password is masked as " + MASK + ": add --show-secrets to print it");
        }
        for (String w : warnings) {
            out.add("# WARNING: " + w);
        }
        out.addAll(lines);
        out.add("#");
        out.add("# etcd settings to remove:");
        for (RemovedSetting r : removed) {
            out.add("#   " + r.setting() + (r.note() == null ? "" : "  (" + r.note() + ")"));
        }
        return new ConfigEmitResult(style.id(), t.backend().rwName(), t.display(), show && t.password() != null, out,
                removed, warnings, checked, null);
    }

    // ---- values -------------------------------------------------------------------------

    /** The password as it goes into a URL or a split option: percent-encoded, or the mask. */
    private String encodedPassword() {
        return show ? Quoting.userinfo(t.password()) : MASK;
    }

    private String encodedUser() {
        return t.user() == null ? "" : Quoting.userinfo(t.user());
    }

    /** The whole endpoint as sqlx takes it, as {@code --backend sql} wants it. */
    private String url() {
        if (t.sqlite()) {
            return "sqlite://" + Quoting.sqlitePath(t.sqlitePath()) + "?mode=rwc";
        }
        StringBuilder u = new StringBuilder(t.backend().rwName()).append("://");
        if (t.user() != null || t.password() != null) {
            u.append(encodedUser());
            if (t.password() != null) {
                u.append(':').append(encodedPassword());
            }
            u.append('@');
        }
        u.append(t.host()).append(':').append(t.port()).append('/').append(t.database()).append(t.query());
        return u.toString();
    }

    /** {@code --sql-endpoint} of the split form: host:port, or the SQLite file. */
    private String splitEndpoint() {
        return t.sqlite() ? Quoting.sqlitePath(t.sqlitePath()) : t.host() + ":" + t.port();
    }

    /** Notes every split form needs: encoding of credentials, parameters it cannot carry. */
    private void splitCaveats(String credentialsWhere) {
        if (t.sqlite()) {
            return;
        }
        boolean userEncoded = t.user() != null && !Quoting.userinfo(t.user()).equals(t.user());
        boolean passwordEncoded = t.password() != null && !Quoting.userinfo(t.password()).equals(t.password());
        if (userEncoded || passwordEncoded) {
            lines.add("# note: " + credentialsWhere + " percent-encoded on purpose: RisingWave v2.0.7 pastes them into");
            lines.add("# " + t.backend().rwName() + "://USER:PASS@ENDPOINT/DB unescaped and sqlx decodes that URL");
        }
        if (t.user() == null) {
            warnings.add("the endpoint names no user; RisingWave v2.0.7 needs one with the " + t.backend().rwName() + " backend");
        }
    }

    private void paramsCannotSplit(String instead) {
        if (!t.params().isEmpty()) {
            warnings.add("this form cannot carry the endpoint's parameters (" + String.join(", ", t.params().keySet())
                    + "): RisingWave v2.0.7 appends /DATABASE after the endpoint, which would end up inside the last parameter; "
                    + instead);
        }
    }

    private String splitBackend() {
        return t.backend().rwName();
    }

    // ---- styles -------------------------------------------------------------------------

    private void flags() {
        checked.add(RW + " src/meta/node/src/lib.rs (MetaNodeOpts)");
        lines.add("--backend sql \\");
        lines.add("--sql-endpoint " + Quoting.shell(url()));
        etcdFlagsRemoved();
    }

    private void splitFlags() {
        checked.add(RW + " src/meta/node/src/lib.rs (MetaNodeOpts)");
        paramsCannotSplit("use --style flags, which passes the whole URL");
        splitCaveats("--sql-username and --sql-password are");
        List<String> parts = new ArrayList<>();
        parts.add("--backend " + splitBackend());
        parts.add("--sql-endpoint " + Quoting.shell(splitEndpoint()));
        if (!t.sqlite()) {
            if (t.user() != null) {
                parts.add("--sql-username " + Quoting.shell(encodedUser()));
            }
            if (t.password() != null) {
                parts.add("--sql-password " + Quoting.shell(encodedPassword()));
            }
            parts.add("--sql-database " + Quoting.shell(t.database()));
        }
        for (int i = 0; i < parts.size(); i++) {
            lines.add(parts.get(i) + (i < parts.size() - 1 ? " \\" : ""));
        }
        etcdFlagsRemoved();
    }

    private void env() {
        checked.add(RW + " src/meta/node/src/lib.rs (MetaNodeOpts env names)");
        paramsCannotSplit("use RW_BACKEND=sql with the whole URL in RW_SQL_ENDPOINT (the lines commented below)");
        splitCaveats("RW_SQL_USERNAME and RW_SQL_PASSWORD are");
        envLines("");
        if (!t.params().isEmpty()) {
            lines.add("# the whole URL instead (keeps the parameters):");
            lines.add("# RW_BACKEND='sql'");
            lines.add("# RW_SQL_ENDPOINT=" + Quoting.shell(url()));
        }
        removed.add(new RemovedSetting("RW_BACKEND=etcd", "replaced by RW_BACKEND above"));
        removed.add(new RemovedSetting("RW_ETCD_ENDPOINTS", null));
        removed.add(new RemovedSetting("RW_ETCD_AUTH", null));
        removed.add(new RemovedSetting("RW_ETCD_USERNAME", null));
        removed.add(new RemovedSetting("RW_ETCD_PASSWORD", null));
        removed.add(new RemovedSetting("--backend etcd, --etcd-* flags", "a flag wins over its variable"));
    }

    private void envLines(String prefix) {
        lines.add(prefix + "RW_BACKEND=" + Quoting.shell(splitBackend()));
        lines.add(prefix + "RW_SQL_ENDPOINT=" + Quoting.shell(splitEndpoint()));
        if (!t.sqlite()) {
            if (t.user() != null) {
                lines.add(prefix + "RW_SQL_USERNAME=" + Quoting.shell(encodedUser()));
            }
            if (t.password() != null) {
                lines.add(prefix + "RW_SQL_PASSWORD=" + Quoting.shell(encodedPassword()));
            }
            lines.add(prefix + "RW_SQL_DATABASE=" + Quoting.shell(t.database()));
        }
    }

    private void toml() {
        checked.add(RW + " src/common/src/config.rs (MetaConfig, MetaBackend)");
        checked.add(RW + " src/meta/node/src/lib.rs (MetaNodeOpts)");
        paramsCannotSplit("keep risingwave.toml's backend out of it and pass --backend sql --sql-endpoint URL (--style flags)");
        lines.add("# risingwave.toml holds only the backend kind at v2.0.7. The endpoint, user, password and");
        lines.add("# database are no config-file options: they are meta node flags or RW_* variables only,");
        lines.add("# given here as variables. A --backend flag or RW_BACKEND variable overrides this file.");
        lines.add("[meta]");
        lines.add("backend = " + Quoting.toml(t.tomlBackend()));
        lines.add("");
        lines.add("# and in the meta node's environment (not TOML):");
        splitCaveats("RW_SQL_USERNAME and RW_SQL_PASSWORD are");
        envLines("# ");
        removed.add(new RemovedSetting("[meta] backend = \"Etcd\"", "replaced by the line above"));
        removed.add(new RemovedSetting("--backend etcd / RW_BACKEND=etcd", "they override risingwave.toml"));
        removed.add(new RemovedSetting("--etcd-endpoints / RW_ETCD_ENDPOINTS", "not a risingwave.toml option"));
        removed.add(new RemovedSetting("--etcd-auth / RW_ETCD_AUTH", null));
        removed.add(new RemovedSetting("--etcd-username / RW_ETCD_USERNAME", null));
        removed.add(new RemovedSetting("--etcd-password / RW_ETCD_PASSWORD", null));
    }

    private void etcdFlagsRemoved() {
        removed.add(new RemovedSetting("--backend etcd", "replaced by --backend above"));
        removed.add(new RemovedSetting("--etcd-endpoints", null));
        removed.add(new RemovedSetting("--etcd-auth", null));
        removed.add(new RemovedSetting("--etcd-username", null));
        removed.add(new RemovedSetting("--etcd-password", null));
        removed.add(new RemovedSetting("RW_BACKEND=etcd, RW_ETCD_* variables", "if the environment sets them"));
    }

    /** A Secret with the keys both the operator (its defaults) and the chart (existingSecretName) read. */
    private void secret(String target) {
        lines.add("# Secret with the meta store credentials, under the keys 'username' and 'password' (" + target + ").");
        if (!t.sqlite()) {
            splitCaveats("username and password are");
        }
        lines.add("apiVersion: v1");
        lines.add("kind: Secret");
        lines.add("metadata:");
        lines.add("  name: " + Quoting.yaml(secretName));
        lines.add("type: Opaque");
        lines.add("stringData:");
        lines.add("  username: " + Quoting.yaml(encodedUser()));
        lines.add("  password: " + Quoting.yaml(t.password() == null ? "" : encodedPassword()));
        lines.add("# or (the command line lands in your shell history):");
        lines.add("# kubectl create secret generic " + secretName + " --from-literal=username=" + Quoting.shell(encodedUser())
                + " --from-literal=password=" + Quoting.shell(t.password() == null ? "" : encodedPassword()));
        lines.add("---");
    }

    private void operator() {
        checked.add(OPERATOR + " apis/risingwave/v1alpha1/risingawave_meta_store_backend.go");
        checked.add(OPERATOR + " pkg/factory/risingwave_object_factory.go");
        if (!t.sqlite()) {
            secret("the operator's default usernameKeyRef and passwordKeyRef");
        }
        lines.add("# Merge into your RisingWave resource (apiVersion risingwave.risingwavelabs.com/v1alpha1).");
        lines.add("# spec.metaStore takes exactly one backend. The operator's webhook refuses to change");
        lines.add("# spec.metaStore on an existing resource ('meta store must be kept consistent') unless the");
        lines.add("# resource carries the annotation risingwave.risingwavelabs.com/bypass-validating-webhook: \"true\".");
        lines.add("spec:");
        lines.add("  metaStore:");
        if (t.sqlite()) {
            lines.add("    sqlite:");
            lines.add("      # the file must be on a volume the meta pod mounts");
            lines.add("      path: " + Quoting.yaml(t.sqlitePath()));
        } else {
            String key = t.backend() == SqlBackend.POSTGRES ? "postgresql" : "mysql";
            lines.add("    " + key + ":");
            lines.add("      host: " + Quoting.yaml(stripBrackets(t.host())));
            lines.add("      port: " + t.port());
            lines.add("      database: " + Quoting.yaml(t.database()));
            lines.add("      credentials:");
            lines.add("        secretName: " + Quoting.yaml(secretName));
            lines.add("        usernameKeyRef: \"username\"");
            lines.add("        passwordKeyRef: \"password\"");
            if (!t.params().isEmpty()) {
                warnings.add("options are left commented out: for RisingWave v1.10.1 and later the operator puts them on RW_SQL_ENDPOINT,"
                        + " and RisingWave v2.0.7 then appends /DATABASE after them (read in the sources, not tried)");
                lines.add("      # options:");
                for (Map.Entry<String, String> p : t.params().entrySet()) {
                    lines.add("      #   " + yamlKey(p.getKey()) + ": " + Quoting.yaml(p.getValue()));
                }
            }
        }
        removed.add(new RemovedSetting("spec.metaStore.etcd.endpoint", null));
        removed.add(new RemovedSetting("spec.metaStore.etcd.credentials.secretName", null));
        removed.add(new RemovedSetting("spec.metaStore.etcd.credentials.usernameKeyRef", null));
        removed.add(new RemovedSetting("spec.metaStore.etcd.credentials.passwordKeyRef", null));
        removed.add(new RemovedSetting("spec.metaStore.etcd.secret", "deprecated form of credentials"));
        removed.add(new RemovedSetting("the etcd credentials Secret", "once the new store is verified"));
    }

    private void helm() {
        checked.add(HELM + " charts/risingwave/values.yaml");
        checked.add(HELM + " charts/risingwave/templates/_helpers.tpl, meta-sts.yaml");
        if (!t.sqlite()) {
            secret("the keys the chart reads from metaStore.*.authentication.existingSecretName");
        }
        lines.add("# Helm values (chart risingwave 0.2.9; the chart allows one meta store backend).");
        lines.add("tags:");
        lines.add("  etcd: false");
        lines.add("metaStore:");
        boolean legacy = !t.params().isEmpty();
        if (legacy) {
            lines.add("  # the whole-URL mode: the chart's split mode puts options on RW_SQL_ENDPOINT, where RisingWave");
            lines.add("  # v2.0.7 would append /DATABASE after them");
            lines.add("  passSQLCredentialsLegacyMode: true");
        }
        lines.add("  etcd:");
        lines.add("    enabled: false");
        if (t.sqlite()) {
            lines.add("  sqlite:");
            lines.add("    enabled: true");
            lines.add("    # the file must be on a volume the meta pod mounts");
            lines.add("    path: " + Quoting.yaml(t.sqlitePath()));
        } else {
            String key = t.backend() == SqlBackend.POSTGRES ? "postgresql" : "mysql";
            lines.add("  " + key + ":");
            lines.add("    enabled: true");
            lines.add("    host: " + Quoting.yaml(stripBrackets(t.host())));
            lines.add("    port: " + t.port());
            lines.add("    database: " + Quoting.yaml(t.database()));
            if (!t.params().isEmpty()) {
                lines.add("    options:");
                for (Map.Entry<String, String> p : t.params().entrySet()) {
                    lines.add("      " + yamlKey(p.getKey()) + ": " + Quoting.yaml(p.getValue()));
                }
            }
            lines.add("    authentication:");
            lines.add("      existingSecretName: " + Quoting.yaml(secretName));
        }
        removed.add(new RemovedSetting("tags.etcd", "set to false above: the bundled bitnami/etcd subchart"));
        removed.add(new RemovedSetting("etcd.*", "values of the bundled etcd subchart"));
        removed.add(new RemovedSetting("metaStore.etcd.enabled", "set to false above"));
        removed.add(new RemovedSetting("metaStore.etcd.endpoints", null));
        removed.add(new RemovedSetting("metaStore.etcd.authentication.enabled", null));
        removed.add(new RemovedSetting("metaStore.etcd.authentication.username", null));
        removed.add(new RemovedSetting("metaStore.etcd.authentication.password", null));
        removed.add(new RemovedSetting("metaStore.etcd.authentication.existingSecretName", null));
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String yamlKey(String key) {
        return key.matches("[A-Za-z0-9_.-]+") ? key : Quoting.yaml(key);
    }
}
