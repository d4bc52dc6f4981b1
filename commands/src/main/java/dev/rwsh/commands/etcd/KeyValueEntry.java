package dev.rwsh.commands.etcd;

/**
 * One key as etcd stores it. {@code value} is null when the key was read keys-only;
 * {@code valueSize} is then unknown (-1).
 */
public record KeyValueEntry(byte[] key, byte[] value, long createRevision, long modRevision, long version, long lease) {

    public long valueSize() {
        return value == null ? -1 : value.length;
    }
}
