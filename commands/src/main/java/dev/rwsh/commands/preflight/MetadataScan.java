package dev.rwsh.commands.preflight;

import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.etcd.MetaElection;
import dev.rwsh.commands.meta.ColumnFamily;
import java.nio.charset.StandardCharsets;

/** One keys-only pass (with values only when their size matters) over the keyspace: the last writes and the size. */
final class MetadataScan {
    long lastChange;
    String lastChangeKey;
    long lastWorkerChange;
    long workers;
    long bytes;

    static MetadataScan of(Keyspace ks) {
        MetadataScan s = new MetadataScan();
        byte[] workerPrefix = ColumnFamily.WORKER.familyName().concat("/").getBytes(StandardCharsets.US_ASCII);
        ks.scan(new byte[0], false, e -> {
            if (startsWith(e.key(), MetaElection.PREFIX)) {
                return true;
            }
            s.bytes += e.key().length + Math.max(0, e.valueSize());
            if (e.modRevision() > s.lastChange) {
                s.lastChange = e.modRevision();
                s.lastChangeKey = KeyText.escape(e.key());
            }
            if (startsWith(e.key(), workerPrefix)) {
                s.workers++;
                s.lastWorkerChange = Math.max(s.lastWorkerChange, e.modRevision());
            }
            return true;
        });
        return s;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
