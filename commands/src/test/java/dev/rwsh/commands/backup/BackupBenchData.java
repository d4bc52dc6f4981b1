package dev.rwsh.commands.backup;

import dev.rwsh.commands.backupfile.BackupFormat;
import dev.rwsh.commands.backupfile.BackupHeader;
import dev.rwsh.commands.backupfile.BackupSummary;
import dev.rwsh.commands.backupfile.BackupWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a synthetic backup for measurements (docs/performance.md, section Backup): N keys in
 * RisingWave-like families ({@code cf/catalog_table/}, {@code cf/table_fragments/},
 * {@code cf/hummock_1/}, ...) with values of about 1 KB: 40% random bytes and 60% repeated
 * field-like text, roughly as compressible as protobuf catalogs. Not a test.
 *
 * <p>{@code java -cp ... dev.rwsh.commands.backup.BackupBenchData FILE N [LEVEL]}; prints the
 * seconds the writer took.
 */
public final class BackupBenchData {
    private BackupBenchData() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int level = args.length > 2 ? Integer.parseInt(args[2]) : BackupSaveCommand.DEFAULT_LEVEL;
        String[] families = {"cf/catalog_table/", "cf/hummock_1/", "cf/table_fragments/", "cf/user_info/"};
        Random random = new Random(42);
        byte[] text = "name\u0012\u0006public\u001a\u0004dev column_desc int64 varchar timestamptz "
                .repeat(20).getBytes(StandardCharsets.ISO_8859_1);
        BackupHeader header = new BackupHeader(BackupFormat.VERSION, "keys", "2026-01-01T00:00:00Z", "bench", "bench", "none",
                "00000000-0000-4000-8000-000000000000", 1, "", "deflate", "bench");
        long start = System.nanoTime();
        long bytes = 0;
        try (BackupWriter writer = BackupWriter.create(file, true, header, level)) {
            int perFamily = (n + families.length - 1) / families.length;
            int written = 0;
            for (String family : families) {
                byte[] prefix = family.getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < perFamily && written < n; i++, written++) {
                    byte[] key = new byte[prefix.length + 4];
                    System.arraycopy(prefix, 0, key, 0, prefix.length);
                    key[prefix.length] = (byte) (i >>> 24);
                    key[prefix.length + 1] = (byte) (i >>> 16);
                    key[prefix.length + 2] = (byte) (i >>> 8);
                    key[prefix.length + 3] = (byte) i;
                    byte[] value = new byte[900 + random.nextInt(250)];
                    int randomPart = value.length * 2 / 5;
                    byte[] noise = new byte[randomPart];
                    random.nextBytes(noise);
                    System.arraycopy(noise, 0, value, 0, randomPart);
                    System.arraycopy(text, random.nextInt(64), value, randomPart, value.length - randomPart);
                    writer.add(key, value, written + 2, written + 2, 1, 0);
                    bytes += key.length + value.length;
                }
            }
            BackupSummary s = writer.finish();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d keys, %d key+value bytes, %d file bytes, level %d: %.2f s, %.0f keys/s, %.1f MB/s%n",
                    s.keyCount(), bytes, s.fileBytes(), level, seconds, s.keyCount() / seconds, bytes / seconds / 1e6);
        }
    }
}
