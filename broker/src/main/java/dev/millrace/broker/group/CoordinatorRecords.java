package dev.millrace.broker.group;

import static dev.millrace.broker.protocol.types.Schema.array;
import static dev.millrace.broker.protocol.types.Schema.field;
import static dev.millrace.broker.protocol.types.Schema.message;
import static dev.millrace.broker.protocol.types.Type.BYTES;
import static dev.millrace.broker.protocol.types.Type.INT32;
import static dev.millrace.broker.protocol.types.Type.INT64;
import static dev.millrace.broker.protocol.types.Type.STRING;

import dev.millrace.broker.partition.TopicPartition;
import dev.millrace.broker.protocol.types.MessageSchema;
import dev.millrace.broker.protocol.types.Struct;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of {@code __consumer_offsets}, in Kafka's schemas so that Kafka's tools (and a Kafka broker
 * reading a copied log) understand them. A key and a value each start with an int16 schema version:
 * key version 0 or 1 is an offset commit (group, topic, partition), key version 2 is a group's metadata
 * (group). A null value is a tombstone, which compaction eventually removes along with older values.
 *
 * <p>We write what Kafka 4.x writes: offset values v3 (v1 when the commit carried an explicit retention, the
 * only version with an expire timestamp), group metadata v3.
 */
public final class CoordinatorRecords {

    static final MessageSchema OFFSET_COMMIT_KEY = message("OffsetCommitKey", "0-1", "none",
            field("group", STRING, "0+"),
            field("topic", STRING, "0+"),
            field("partition", INT32, "0+"));

    static final MessageSchema GROUP_METADATA_KEY = message("GroupMetadataKey", "2", "none",
            field("group", STRING, "2+"));

    static final MessageSchema OFFSET_COMMIT_VALUE = message("OffsetCommitValue", "0-4", "4+",
            field("offset", INT64, "0+"),
            field("leaderEpoch", INT32, "3+").defaultValue(-1),
            field("metadata", STRING, "0+"),
            field("commitTimestamp", INT64, "0+"),
            field("expireTimestamp", INT64, "1").defaultValue(-1L));

    static final MessageSchema GROUP_METADATA_VALUE = message("GroupMetadataValue", "0-4", "4+",
            field("protocolType", STRING, "0+"),
            field("generation", INT32, "0+"),
            field("protocol", STRING, "0+").nullable("0+"),
            field("leader", STRING, "0+").nullable("0+"),
            field("currentStateTimestamp", INT64, "2+").defaultValue(-1L),
            array("members", "MemberMetadata", "0+",
                field("memberId", STRING, "0+"),
                field("groupInstanceId", STRING, "3+").nullable("3+").defaultNull(),
                field("clientId", STRING, "0+"),
                field("clientHost", STRING, "0+"),
                field("rebalanceTimeout", INT32, "1+"),
                field("sessionTimeout", INT32, "0+"),
                field("subscription", BYTES, "0+"),
                field("assignment", BYTES, "0+")));

    private static final short OFFSET_KEY_VERSION = 1;
    private static final short GROUP_KEY_VERSION = 2;
    private static final short OFFSET_VALUE_VERSION = 3;
    private static final short OFFSET_VALUE_VERSION_WITH_EXPIRY = 1;
    private static final short GROUP_VALUE_VERSION = 3;

    private CoordinatorRecords() {
    }

    /** A record to append: key bytes, and value bytes or null for a tombstone. */
    public record KeyValue(byte[] key, byte[] value) {
    }

    /** A record read back from the log. */
    public sealed interface Decoded permits OffsetRecord, GroupRecord {
    }

    /** An offset commit; {@code value} null is a tombstone (the offset was deleted or expired). */
    public record OffsetRecord(String group, TopicPartition partition, CommittedOffset value) implements Decoded {
    }

    /** A group's metadata after a rebalance; {@code value} null is a tombstone (the group was removed). */
    public record GroupRecord(String group, GroupSnapshot value) implements Decoded {
    }

    /** A group as persisted: its generation, chosen protocol, leader and members. */
    public record GroupSnapshot(String protocolType, int generation, String protocol, String leader,
                                long currentStateTimestamp, List<MemberSnapshot> members) {
    }

    public record MemberSnapshot(String memberId, String groupInstanceId, String clientId, String clientHost,
                                 int rebalanceTimeoutMs, int sessionTimeoutMs, byte[] subscription,
                                 byte[] assignment) {
    }

    public static KeyValue offsetCommit(String group, TopicPartition tp, CommittedOffset value) {
        Struct key = OFFSET_COMMIT_KEY.newStruct().set("group", group).set("topic", tp.topic())
                .set("partition", tp.partition());
        byte[] keyBytes = encode(OFFSET_COMMIT_KEY, key, OFFSET_KEY_VERSION);
        if (value == null) {
            return new KeyValue(keyBytes, null);
        }
        short version = value.expireTimestamp() >= 0 ? OFFSET_VALUE_VERSION_WITH_EXPIRY : OFFSET_VALUE_VERSION;
        Struct v = OFFSET_COMMIT_VALUE.newStruct()
                .set("offset", value.offset())
                .set("leaderEpoch", value.leaderEpoch())
                .set("metadata", value.metadata() == null ? "" : value.metadata())
                .set("commitTimestamp", value.commitTimestamp())
                .set("expireTimestamp", value.expireTimestamp());
        return new KeyValue(keyBytes, encode(OFFSET_COMMIT_VALUE, v, version));
    }

    public static KeyValue groupMetadata(String group, GroupSnapshot snapshot) {
        byte[] keyBytes = encode(GROUP_METADATA_KEY, GROUP_METADATA_KEY.newStruct().set("group", group),
                GROUP_KEY_VERSION);
        if (snapshot == null) {
            return new KeyValue(keyBytes, null);
        }
        Struct v = GROUP_METADATA_VALUE.newStruct()
                .set("protocolType", snapshot.protocolType() == null ? "" : snapshot.protocolType())
                .set("generation", snapshot.generation())
                .set("protocol", snapshot.protocol())
                .set("leader", snapshot.leader())
                .set("currentStateTimestamp", snapshot.currentStateTimestamp());
        for (MemberSnapshot m : snapshot.members()) {
            v.addStruct("members")
                    .set("memberId", m.memberId())
                    .set("groupInstanceId", m.groupInstanceId())
                    .set("clientId", m.clientId())
                    .set("clientHost", m.clientHost())
                    .set("rebalanceTimeout", m.rebalanceTimeoutMs())
                    .set("sessionTimeout", m.sessionTimeoutMs())
                    .set("subscription", m.subscription())
                    .set("assignment", m.assignment());
        }
        return new KeyValue(keyBytes, encode(GROUP_METADATA_VALUE, v, GROUP_VALUE_VERSION));
    }

    /**
     * Decodes one record; null for a key version we do not know (Kafka 4's newer record types, e.g. of
     * consumer-protocol groups), which the loader skips as Kafka skips unknown types.
     */
    public static Decoded decode(ByteBuf key, ByteBuf value) {
        short keyVersion = key.readShort();
        if (keyVersion == 0 || keyVersion == 1) {
            Struct k = OFFSET_COMMIT_KEY.read(key, keyVersion);
            TopicPartition tp = new TopicPartition(k.getString("topic"), k.getInt("partition"));
            if (value == null) {
                return new OffsetRecord(k.getString("group"), tp, null);
            }
            short valueVersion = value.readShort();
            Struct v = OFFSET_COMMIT_VALUE.read(value, valueVersion);
            return new OffsetRecord(k.getString("group"), tp, new CommittedOffset(v.getLong("offset"),
                    v.getInt("leaderEpoch"), v.getString("metadata"), v.getLong("commitTimestamp"),
                    v.getLong("expireTimestamp")));
        }
        if (keyVersion == 2) {
            String group = GROUP_METADATA_KEY.read(key, keyVersion).getString("group");
            if (value == null) {
                return new GroupRecord(group, null);
            }
            short valueVersion = value.readShort();
            Struct v = GROUP_METADATA_VALUE.read(value, valueVersion);
            List<MemberSnapshot> members = new ArrayList<>();
            for (Struct m : v.getStructArray("members")) {
                int sessionTimeout = m.getInt("sessionTimeout");
                // v0 has no rebalance timeout; Kafka then uses the session timeout.
                int rebalanceTimeout = valueVersion >= 1 ? m.getInt("rebalanceTimeout") : sessionTimeout;
                members.add(new MemberSnapshot(m.getString("memberId"), m.getString("groupInstanceId"),
                        m.getString("clientId"), m.getString("clientHost"), rebalanceTimeout, sessionTimeout,
                        m.getBytes("subscription"), m.getBytes("assignment")));
            }
            return new GroupRecord(group, new GroupSnapshot(v.getString("protocolType"), v.getInt("generation"),
                    v.getString("protocol"), v.getString("leader"), v.getLong("currentStateTimestamp"), members));
        }
        return null;
    }

    private static byte[] encode(MessageSchema schema, Struct s, short version) {
        int size = 2 + schema.sizeOf(s, version);
        byte[] out = new byte[size];
        ByteBuf buf = Unpooled.wrappedBuffer(out);
        try {
            buf.writerIndex(0);
            buf.writeShort(version);
            schema.write(s, version, buf);
        } finally {
            buf.release();
        }
        return out;
    }
}
