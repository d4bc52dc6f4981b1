package dev.rwsh.commands.preflight;

import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.preflight.PreflightCommand.Check;
import java.util.ArrayList;
import java.util.List;

/** Every endpoint answers and has a leader, and no alarm is raised. */
final class EtcdHealthCheck extends PreflightCheck {
    EtcdHealthCheck() {
        super("etcd healthy");
    }

    @Override
    public List<Check> run(PreflightContext context) {
        EtcdConnection etcd = context.etcd;
        try {
            List<String> bad = new ArrayList<>();
            for (var uri : etcd.endpoints().uris()) {
                var status = etcd.status(uri);
                if (status.getLeader() == 0) {
                    bad.add(uri + " has no leader");
                }
            }
            List<String> alarms = etcd.alarms();
            if (!alarms.isEmpty()) {
                bad.add("alarms " + String.join(", ", alarms));
            }
            return List.of(bad.isEmpty() ? ok("every endpoint answers and has a leader; no alarm")
                    : failed(String.join("; ", bad),
                            "repair etcd first (etcdctl endpoint health; etcdctl alarm list; after NOSPACE: compact, defrag, alarm disarm)"));
        } catch (CommandInterruptedException e) {
            throw e; // Ctrl-C stops the command; it is no failed check
        } catch (RwshException e) {
            return List.of(failed(e.getMessage(), "etcdctl endpoint health --endpoints ... says which member is down"));
        }
    }
}
