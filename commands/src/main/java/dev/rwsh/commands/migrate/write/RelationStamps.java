package dev.rwsh.commands.migrate.write;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/**
 * When a relation was initialised and created (epochs and cluster versions), as its catalog message
 * records them: the optional fields every relation kind but views has under the same names, read by
 * name so the writer handles the kinds alike. A field a kind lacks reads as unset.
 */
record RelationStamps(boolean hasInitializedAtEpoch, long initializedAtEpoch, boolean hasCreatedAtEpoch, long createdAtEpoch,
        String initializedAtClusterVersion, String createdAtClusterVersion) {

    static RelationStamps of(Message m) {
        Long initialized = (Long) field(m, "initialized_at_epoch");
        Long created = (Long) field(m, "created_at_epoch");
        return new RelationStamps(initialized != null, initialized == null ? 0 : initialized, created != null, created == null ? 0 : created,
                (String) field(m, "initialized_at_cluster_version"), (String) field(m, "created_at_cluster_version"));
    }

    /** The field's value if the message's type has the field and it is set, else null. */
    private static Object field(Message m, String name) {
        FieldDescriptor f = m.getDescriptorForType().findFieldByName(name);
        return f == null || !m.hasField(f) ? null : m.getField(f);
    }
}
