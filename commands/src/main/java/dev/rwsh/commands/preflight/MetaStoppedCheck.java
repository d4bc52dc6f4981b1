package dev.rwsh.commands.preflight;

import dev.rwsh.commands.etcd.MetaElection;
import dev.rwsh.commands.preflight.PreflightCommand.Check;
import java.util.List;

/** No meta node holds a live leader lease (the same leases migrate refuses). */
final class MetaStoppedCheck extends PreflightCheck {
    MetaStoppedCheck() {
        super("meta node stopped");
    }

    @Override
    public List<Check> run(PreflightContext context) {
        MetaElection.Leases leases = MetaElection.read(context.etcd, context.keyspace);
        if (leases.anyLive()) {
            return List.of(failed("a live leader lease: " + leases.describeLive(),
                    "stop every meta node (and the rest of the cluster), wait until the lease runs out, then run preflight again"));
        }
        if (!leases.stale().isEmpty()) {
            return List.of(ok("no live lease under __meta_election_; left over: " + String.join(", ", leases.stale())));
        }
        return List.of(ok("no key under __meta_election_ (every meta node resigned or its lease expired)"));
    }
}
