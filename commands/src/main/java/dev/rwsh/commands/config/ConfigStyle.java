package dev.rwsh.commands.config;

import dev.rwsh.commands.RwshException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The forms in which {@code config emit} writes the meta node's SQL backend settings. */
public enum ConfigStyle {
    /** {@code --backend sql --sql-endpoint URL}: the whole endpoint as one URL. */
    FLAGS("flags"),
    /** {@code --backend postgres|mysql|sqlite --sql-endpoint host:port|path --sql-username ...}. */
    SPLIT_FLAGS("split-flags"),
    /** {@code RW_BACKEND}, {@code RW_SQL_ENDPOINT}, ... environment variables. */
    ENV("env"),
    /** The {@code [meta]} section of risingwave.toml (only the backend kind lives there at v2.0.7). */
    TOML("toml"),
    /** {@code spec.metaStore} of the risingwave-operator's RisingWave resource, with a Secret. */
    OPERATOR("operator"),
    /** {@code metaStore} values of the risingwave Helm chart, with a Secret. */
    HELM("helm");

    private final String id;

    ConfigStyle(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ConfigStyle parse(String text) {
        if (text == null || text.isBlank()) {
            return FLAGS;
        }
        for (ConfigStyle s : values()) {
            if (s.id.equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw RwshException.usage("unknown style '" + text + "': use one of "
                + Arrays.stream(values()).map(ConfigStyle::id).collect(Collectors.joining(", ")));
    }
}
