package dev.rwsh.commands.diff;

/** One category (a SQL table, or {@code cluster}/{@code sequences}). */
public record CategoryDiff(String category, long etcd, long sql, long onlyInEtcd, long onlyInSql, long different, String note) {
    public boolean clean() {
        return onlyInEtcd == 0 && onlyInSql == 0 && different == 0;
    }
}
