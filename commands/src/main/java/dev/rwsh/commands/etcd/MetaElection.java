package dev.rwsh.commands.etcd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The meta nodes' leader election in etcd: one key per candidate under {@code __meta_election_},
 * held by the candidate's lease. A key whose lease still has time left means a meta node may be
 * running and writing; preflight and migrate both ask this one place.
 */
public final class MetaElection {
    public static final byte[] PREFIX = "__meta_election_".getBytes(StandardCharsets.US_ASCII);

    private MetaElection() {
    }

    /** A candidate whose lease is alive: its address (the key's value), the key, the lease id and the seconds it has left. */
    public record LiveLease(String holder, String key, long lease, long secondsLeft) {
        public String describe() {
            return "meta node " + holder + " (key " + key + ", lease " + Long.toHexString(lease) + ", " + secondsLeft + " s left)";
        }
    }

    /** @param stale keys whose lease expired or that have none, with the reason */
    public record Leases(List<LiveLease> live, List<String> stale) {
        public boolean anyLive() {
            return !live.isEmpty();
        }

        /** The live leases, joined for one line. */
        public String describeLive() {
            return String.join("; ", live.stream().map(LiveLease::describe).toList());
        }
    }

    /** Reads the election keys of {@code keyspace} (a revision of {@code etcd}) and asks etcd how long each lease has left. */
    public static Leases read(EtcdConnection etcd, Keyspace keyspace) {
        List<LiveLease> live = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        keyspace.scan(PREFIX, false, e -> {
            String key = KeyText.escape(e.key());
            if (e.lease() == 0) {
                stale.add(key + " (no lease)");
                return true;
            }
            long ttl = etcd.leaseTimeToLive(e.lease());
            if (ttl > 0) {
                live.add(new LiveLease(e.value() == null ? "" : new String(e.value(), StandardCharsets.UTF_8), key, e.lease(), ttl));
            } else {
                stale.add(key + " (lease expired)");
            }
            return true;
        });
        return new Leases(live, stale);
    }
}
