package dev.rwsh.commands.backupfile;

/**
 * The trailer's counts, written last because only then are they known.
 *
 * @param keyCount the number of key/value pairs
 * @param blockCount the number of blocks
 * @param payloadBytes the sum of key and value lengths, uncompressed
 * @param sha256Hex the SHA-256 over every byte before the digest, hex
 */
public record BackupSummary(long keyCount, long blockCount, long payloadBytes, long fileBytes, String sha256Hex) {
}
