package dev.rwsh.commands.migrate.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.rwsh.commands.meta.MessageRewriter;
import dev.rwsh.proto.hummock.GroupDelta;
import dev.rwsh.proto.hummock.HummockVersionDelta;
import dev.rwsh.proto.hummock.IntraLevelDelta;
import dev.rwsh.proto.hummock.KeyRange;
import dev.rwsh.proto.hummock.SstableInfo;
import org.junit.jupiter.api.Test;

class MessageRewriterTest {
    private static HummockVersionDelta delta(KeyRange... ranges) {
        IntraLevelDelta.Builder level = IntraLevelDelta.newBuilder();
        for (KeyRange r : ranges) {
            level.addInsertedTableInfos(SstableInfo.newBuilder().setSstId(level.getInsertedTableInfosCount() + 1).setKeyRange(r));
        }
        return HummockVersionDelta.newBuilder().setId(7)
                .putGroupDeltas(2, HummockVersionDelta.GroupDeltas.newBuilder().addGroupDeltas(GroupDelta.newBuilder().setIntraLevel(level)).build())
                .build();
    }

    private static Message identity(Message m) {
        return MessageRewriter.rewrite(m, (f, v) -> identity(v));
    }

    @Test
    void anUntouchedTreeComesBackAsTheSameInstance() {
        HummockVersionDelta d = delta(KeyRange.newBuilder().setLeft(ByteString.copyFromUtf8("a")).build());
        assertSame(d, identity(d));
        assertSame(d, MigrationWriter.normalizeDelta(d));
    }

    @Test
    void nullClearsASingularFieldDeepInTheTreeAndTheRestIsKept() {
        KeyRange finite = KeyRange.newBuilder().setLeft(ByteString.copyFromUtf8("a")).setRight(ByteString.copyFromUtf8("z")).build();
        HummockVersionDelta d = delta(KeyRange.getDefaultInstance(), finite);
        HummockVersionDelta n = (HummockVersionDelta) MigrationWriter.normalizeDelta(d);
        IntraLevelDelta level = n.getGroupDeltasOrThrow(2).getGroupDeltas(0).getIntraLevel();
        assertFalse(level.getInsertedTableInfos(0).hasKeyRange());
        assertTrue(level.getInsertedTableInfos(1).hasKeyRange());
        assertEquals(finite, level.getInsertedTableInfos(1).getKeyRange());
        assertEquals(d.toBuilder().putGroupDeltas(2, d.getGroupDeltasOrThrow(2).toBuilder().setGroupDeltas(0,
                GroupDelta.newBuilder().setIntraLevel(d.getGroupDeltasOrThrow(2).getGroupDeltas(0).getIntraLevel().toBuilder()
                        .setInsertedTableInfos(0, d.getGroupDeltasOrThrow(2).getGroupDeltas(0).getIntraLevel().getInsertedTableInfos(0).toBuilder()
                                .clearKeyRange()))).build()).build(), n);
    }
}
