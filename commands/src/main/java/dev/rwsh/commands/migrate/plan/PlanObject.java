package dev.rwsh.commands.migrate.plan;

/**
 * The object a {@link PlanProblem} concerns: its kind, name and id where it has them (null where
 * not), and the label the problem's text starts with (the object, or a place inside it such as a
 * streaming job's actor), or null when the message names the object in its own words.
 *
 * @param id the object's id in etcd, as an unsigned 32-bit value
 */
public record PlanObject(Kind kind, String name, Long id, String label) {

    public enum Kind {
        DATABASE, SCHEMA, FUNCTION, CONNECTION, SECRET, TABLE, SOURCE, SINK, INDEX, VIEW, SUBSCRIPTION,
        /** A relation of a kind not known where the problem is found. */
        RELATION,
        USER, WORKER, STREAMING_JOB, SYSTEM_PARAMETER, SESSION_PARAMETER,
        /** An etcd key that holds no catalog object of its own, or whose value does not decode. */
        KEY
    }

    /** An object named by a label of its own, e.g. "table 12 orders". */
    public static PlanObject labelled(Kind kind, String name, int id, String label) {
        return new PlanObject(kind, name, Integer.toUnsignedLong(id), label);
    }

    /** A relation as problems name it: "kind id name", e.g. "sink 12 s1". */
    public static PlanObject relation(Kind kind, int id, String name) {
        return labelled(kind, name, id, kind.name().toLowerCase(java.util.Locale.ROOT) + " " + Integer.toUnsignedString(id) + " " + name);
    }

    /** An object without an id in the label, e.g. "schema public". */
    public static PlanObject named(Kind kind, String name, int id) {
        return labelled(kind, name, id, kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name);
    }

    /** An etcd key (or a column family, when {@code key} is null), labelled "family/key". */
    public static PlanObject key(String family, String key) {
        String path = key == null ? family : family + "/" + key;
        return new PlanObject(Kind.KEY, path, null, path);
    }

    /** The same object, labelled by a place inside it, e.g. "streaming job 5 fragment 7". */
    public PlanObject at(String label) {
        return new PlanObject(kind, name, id, label);
    }

    /** The same object, named by the problem's own words rather than a label. */
    public PlanObject unlabelled() {
        return new PlanObject(kind, name, id, null);
    }
}
