package dev.rwsh.commands.preflight;

import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.preflight.PreflightCommand.Check;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.options.GetOption;
import java.util.List;

/** The live etcd answers: its revision, at which every later etcd check reads the keyspace. */
final class EtcdReachableCheck extends PreflightCheck {
    EtcdReachableCheck() {
        super("etcd reachable");
    }

    @Override
    public List<Check> run(PreflightContext context) {
        try {
            context.revision = currentRevision(context);
        } catch (CommandInterruptedException e) {
            throw e; // Ctrl-C stops the command; it is no failed check
        } catch (RwshException e) {
            return List.of(failed(e.getMessage(), "start etcd or correct the endpoint"));
        }
        context.keyspace = EtcdSnapshot.at(context.etcd, context.revision);
        context.reader = new MetaReader(context.keyspace);
        return List.of(ok(context.etcd.endpoints().display() + " at revision " + context.revision));
    }

    static long currentRevision(PreflightContext context) {
        return context.etcd.get(ByteSequence.from(new byte[] {0}), GetOption.builder().withCountOnly(true).build()).getHeader().getRevision();
    }
}
