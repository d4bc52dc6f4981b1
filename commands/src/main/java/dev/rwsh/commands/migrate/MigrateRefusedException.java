package dev.rwsh.commands.migrate;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.schema.TargetVerdict;

/** migrate refused to start writing: nothing was written. Callers tell why by {@link #reason()}. */
public final class MigrateRefusedException extends RwshException {
    /** Why migrate would not start. */
    public enum Reason {
        /** A meta node holds a live leader lease on the source etcd. */
        LIVE_META,
        /** Another run holds the target's migration lock. */
        LOCK_HELD,
        /** The state file records a live migrate of this host. */
        RUNNING_HERE,
        /** The target is not empty of RisingWave metadata (its {@code TargetVerdict} says how), and -f was not given. */
        TARGET_NOT_EMPTY
    }

    private final Reason reason;
    private final TargetVerdict.Kind target;

    public MigrateRefusedException(Reason reason, String message) {
        this(reason, null, message);
    }

    /** A target that is not reusable: what it holds ({@link TargetVerdict.Kind#NEWER_SCHEMA}, ...). */
    public MigrateRefusedException(TargetVerdict.Kind target, String message) {
        this(Reason.TARGET_NOT_EMPTY, target, message);
    }

    private MigrateRefusedException(Reason reason, TargetVerdict.Kind target, String message) {
        super(ExitStatus.FAILED, message, null);
        this.reason = reason;
        this.target = target;
    }

    public Reason reason() {
        return reason;
    }

    /** What the target holds when the reason is {@link Reason#TARGET_NOT_EMPTY}; null otherwise. */
    public TargetVerdict.Kind target() {
        return target;
    }
}
