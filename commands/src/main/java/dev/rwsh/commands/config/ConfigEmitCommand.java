package dev.rwsh.commands.config;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.nio.file.Path;

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
        Path written = OwnerOnlyFile.write(options.output(), result.text());
        return result.withWrittenTo(written.toString());
    }

    /** Renders the settings; pure. */
    public static ConfigEmitResult emit(SqlEndpoint endpoint, ConfigStyle style, boolean showSecrets, String secretName) {
        String secret = secretName == null || secretName.isBlank() ? DEFAULT_SECRET_NAME : secretName.trim();
        if (!secret.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            throw RwshException.usage("--secret-name '" + secretName + "' is not a Kubernetes object name: lower-case letters, digits, '-' and '.'");
        }
        MetaStoreTarget target = MetaStoreTarget.of(endpoint);
        return new ConfigEmitter(target, style, showSecrets, secret).emit();
    }
}
