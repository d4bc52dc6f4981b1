package dev.rwsh.commands.sql;

/** The SQL meta store backends RisingWave v2.0.7 supports. */
public enum SqlBackend {
    POSTGRES("postgres"),
    MYSQL("mysql"),
    SQLITE("sqlite");

    private final String rwName;

    SqlBackend(String rwName) {
        this.rwName = rwName;
    }

    /** The name RisingWave's meta node uses for {@code --backend}. */
    public String rwName() {
        return rwName;
    }
}
