package dev.rwsh.commands.migrate.plan;

/**
 * One thing the validating pass found in the source metadata: what went wrong ({@link Kind}), the
 * object it concerns ({@link PlanObject}, null when it concerns no one object), the words, and how
 * much it matters ({@link Severity}). Consumers decide from the severity and kind, and show the
 * problem only through {@link #text()}.
 */
public record PlanProblem(Kind kind, PlanObject object, String message, Severity severity) {

    public enum Severity {
        /** RisingWave v2.0.7 would panic or fail on it: migrate refuses to write. */
        ERROR,
        /** Migrated anyway, as v2.0.7 does (or repaired, or left out); the user may want to know. */
        WARNING,
        /** A deliberate improvement over v2.0.7 this run makes. */
        IMPROVEMENT
    }

    /** What went wrong. */
    public enum Kind {
        /** Metadata v2.0.7 needs is absent (cluster id, system parameters, users, a system parameter). */
        MISSING_METADATA,
        /** A value does not decode or parse (a key's value, the cluster id, a system parameter, a counter, a hash mapping). */
        MALFORMED_VALUE,
        /** A field v2.0.7 needs is unset or unspecified (a type, a state, a host, a stream plan, ...). */
        INCOMPLETE_OBJECT,
        /** An id v2.0.7 cannot handle (0). */
        INVALID_ID,
        /** A reference to an object that does not exist (database, schema, secret, connection, owner, fragment, catalog object). */
        DANGLING_REFERENCE,
        /** A streaming job's fragments and actors disagree with each other or with the catalog. */
        INCONSISTENT_STREAM_JOB,
        /** A grant v2.0.7's migration cannot write (no object, unsupported object kind, unknown action, duplicate). */
        INVALID_GRANT,
        /** A parameter not carried over (a dropped system parameter, a session parameter that is not text). */
        PARAMETER_LEFT_OUT,
        /** A relation without a streaming job, dropped whole. */
        ORPHAN_DROPPED,
        /** A dependency or grant left out because its relation was dropped. */
        LEFT_OUT_WITH_ORPHAN,
        /** A grant skipped or written against a non-relation, as v2.0.7 does. */
        GRANT_AS_V2_0_7,
        /** A field repaired to what the streaming jobs say (fragment ids, incoming sinks, an embedded table's schema). */
        REPAIRED,
        /** A dispatcher id that wraps from u64 to i32, as v2.0.7 writes it. */
        ID_WRAPS,
        /** A streaming job still being created: v2.0.7 drops it at its first start. */
        UNFINISHED_JOB,
        /** Session parameters carried over (v2.0.7 drops them). */
        SESSION_PARAMETERS_KEPT,
        /** Orphaned relations dropped whole instead of left half behind. */
        ORPHANS_DROPPED_WHOLE
    }

    public static PlanProblem error(Kind kind, PlanObject object, String message) {
        return new PlanProblem(kind, object, message, Severity.ERROR);
    }

    public static PlanProblem warning(Kind kind, PlanObject object, String message) {
        return new PlanProblem(kind, object, message, Severity.WARNING);
    }

    public static PlanProblem improvement(Kind kind, String message) {
        return new PlanProblem(kind, null, message, Severity.IMPROVEMENT);
    }

    /** The problem in words, as every command shows it: the object's label, a colon, the message (or the message alone when it names the object itself). */
    public String text() {
        return object == null || object.label() == null ? message : object.label() + ": " + message;
    }

    @Override
    public String toString() {
        return severity + " " + kind + ": " + text();
    }
}
