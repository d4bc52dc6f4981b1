package dev.rwsh.commands.config;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.config.ConfigEmitResult.RemovedSetting;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code config emit}: the meta node settings that point RisingWave v2.0.7 at a SQL meta store, in
 * the form the user deploys with. Field names follow RisingWave v2.0.7's {@code MetaNodeOpts}
 * and {@code MetaConfig}, risingwave-operator v0.8.4's CRD types and the risingwave Helm chart
 * 0.2.9 (docs/config-emit.md cites each one).
 *
 * <p>One fact shapes every split form: RisingWave v2.0.7 builds {@code postgres://USER:PASS@ENDPOINT/DB}
 * from the split options without escaping them, and sqlx percent-decodes user and password. So the
 * user and password given separately (flag, variable or Secret) are percent-encoded here, and query
 * parameters cannot ride on the split endpoint (the database would land inside the last one).
 */
public final class ConfigEmitCommand {
    public static final String MASK = "****";
    public static final String DEFAULT_SECRET_NAME = "risingwave-meta-store";

    static final String RW = "risingwavelabs/risingwave v2.0.7";
    static final String OPERATOR = "risingwavelabs/risingwave-operator v0.8.4";
    static final String HELM = "risingwavelabs/helm-charts risingwave-0.2.9 (appVersion v2.0.4)";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ConfigEmitCommand() {
    }

    /** What the user asked for. {@code output} may be null (print); {@code secretName} may be null (default). */
    public record Options(ConfigStyle style, boolean showSecrets, Path output, String secretName) {
    }

    /** From {@code --sql-endpoint URL} when given, else from the session's SQL connection. */
    public static ConfigEmitResult run(Session session, String sqlEndpoint, Options options) {
        SqlEndpoint endpoint = sqlEndpoint != null && !sqlEndpoint.isBlank()
                ? SqlEndpoint.parse(sqlEndpoint)
                : session.requireSql().endpoint();
        ConfigEmitResult result = emit(endpoint, options.style(), options.showSecrets(), options.secretName());
        if (options.output() == null) {
            return result;
        }
        Path written = write(options.output(), result.text());
        return result.withWrittenTo(written.toString());
    }

    /** Renders the settings; pure. */
    public static ConfigEmitResult emit(SqlEndpoint endpoint, ConfigStyle style, boolean showSecrets, String secretName) {
        String secret = secretName == null || secretName.isBlank() ? DEFAULT_SECRET_NAME : secretName.trim();
        if (!secret.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            throw RwshException.usage("--secret-name '" + secretName + "' is not a Kubernetes object name: lower-case letters, digits, '-' and '.'");
        }
        Target target = Target.of(endpoint);
        return new Emitter(target, style, showSecrets, secret).emit();
    }

    /** Writes the text to a file readable by its owner only; the mode is set before any byte is written. */
    static Path write(Path file, String text) {
        Path path = file.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(path)) {
                throw RwshException.usage("--output " + file + " is a directory: name a file");
            }
            if (Files.isSymbolicLink(path)) {
                throw RwshException.failed("--output " + file + " is a symbolic link: name the file itself");
            }
            try {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                // an existing file: narrow its mode first, then replace its content
            }
            // createFile's mode is subject to the umask, an existing file has its own: set it outright.
            Files.setPosixFilePermissions(path, OWNER_ONLY);
            Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            return path;
        } catch (java.nio.file.NoSuchFileException e) {
            throw RwshException.failed("cannot write " + file + ": directory " + path.getParent() + " does not exist");
        } catch (UnsupportedOperationException e) {
            throw RwshException.failed("cannot write " + file + ": its file system has no POSIX permissions, so it could not be made private (mode 0600)");
        } catch (IOException e) {
            throw RwshException.failed("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The endpoint broken into what the meta node options take, in sqlx's terms. */
    record Target(SqlBackend backend, String user, String password, String host, int port, String database,
            String sqlitePath, Map<String, String> params, String display, List<String> notes) {

        static Target of(SqlEndpoint e) {
            List<String> notes = new ArrayList<>();
            if (e.backend() == SqlBackend.SQLITE) {
                if (e.sqliteMode() != null && !e.sqliteMode().equals("rwc")) {
                    notes.add("the endpoint says mode=" + e.sqliteMode() + "; a meta node needs to write, so RisingWave's own form (mode=rwc) is used");
                }
                return new Target(e.backend(), null, null, null, -1, null, e.path().toString(), Map.of(), e.display(), notes);
            }
            String host = e.host();
            if (host != null && host.contains(":") && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            Map<String, String> params = sqlxParams(e, notes);
            return new Target(e.backend(), emptyToNull(e.user()), emptyToNull(e.password()), host, e.port(), e.database(),
                    null, params, e.display(), notes);
        }

        /** The query parameters as sqlx reads them, decoded; user and password are never carried in them. */
        private static Map<String, String> sqlxParams(SqlEndpoint e, List<String> notes) {
            String original = e.original().trim();
            boolean jdbc = original.startsWith("jdbc:");
            String raw;
            if (jdbc) {
                int q = e.jdbcUrl().indexOf('?');
                raw = q < 0 ? null : e.jdbcUrl().substring(q + 1);
            } else {
                raw = e.rawQuery();
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, String> param : SqlEndpoint.query(raw).entrySet()) {
                String key = param.getKey();
                String value = param.getValue();
                if (key.equalsIgnoreCase("password") || key.equalsIgnoreCase("user")) {
                    notes.add("the endpoint's '" + key + "' query parameter is left out: give credentials as USER:PASS@ in the URL");
                    continue;
                }
                if (jdbc && e.backend() == SqlBackend.MYSQL && key.equals("sslMode")) {
                    key = "ssl-mode"; // Connector/J's name back to sqlx's
                }
                out.put(key, value);
            }
            if (jdbc && !out.isEmpty()) {
                notes.add("parameters of a JDBC URL are carried over as written; check that sqlx knows them: " + String.join(", ", out.keySet()));
            }
            return out;
        }

        private static String emptyToNull(String s) {
            return s == null || s.isEmpty() ? null : s;
        }

        boolean sqlite() {
            return backend == SqlBackend.SQLITE;
        }

        /** RisingWave v2.0.7's backend names in risingwave.toml: serde's names of MetaBackend's variants. */
        String tomlBackend() {
            return switch (backend) {
                case POSTGRES -> "Postgres";
                case MYSQL -> "Mysql";
                case SQLITE -> "Sqlite";
            };
        }

        String query() {
            if (params.isEmpty()) {
                return "";
            }
            StringBuilder q = new StringBuilder();
            for (Map.Entry<String, String> p : params.entrySet()) {
                q.append(q.length() == 0 ? '?' : '&').append(Quoting.queryPart(p.getKey())).append('=').append(Quoting.queryPart(p.getValue()));
            }
            return q.toString();
        }

        int defaultPort() {
            return backend == SqlBackend.POSTGRES ? 5432 : 3306;
        }
    }

    /** Builds one style's text. */
    private static final class Emitter {
        private final Target t;
        private final ConfigStyle style;
        private final boolean show;
        private final String secretName;
        private final List<String> lines = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final List<RemovedSetting> removed = new ArrayList<>();
        private final List<String> checked = new ArrayList<>();

        Emitter(Target target, ConfigStyle style, boolean show, String secretName) {
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
}
