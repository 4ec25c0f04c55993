package dev.millrace.broker.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group APIs at the versions old clients (librdkafka 2.0, KafkaJS) send, and the validation errors
 * kafka-clients never provokes, spoken over a bare socket with kafka-clients' message classes.
 */
class GroupProtocolTest {
    @TempDir
    static Path dir;
    static BrokerHarness broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new BrokerHarness(dir, ConsumerGroupTest.groupOverrides());
        ConsumerGroupTest.createTopic(broker, "raw-topic", 2);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static JoinGroupRequestData join(String group, String memberId, int sessionTimeout, String type) {
        JoinGroupRequestData.JoinGroupRequestProtocolCollection protocols =
                new JoinGroupRequestData.JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range").setMetadata(new byte[] {1, 2}));
        return new JoinGroupRequestData().setGroupId(group).setMemberId(memberId).setSessionTimeoutMs(sessionTimeout)
                .setRebalanceTimeoutMs(5000).setProtocolType(type).setProtocols(protocols);
    }

    @Test
    void findCoordinatorSingleAndBatchedKeys() throws Exception {
        try (RawClient raw = new RawClient(broker.port())) {
            for (short v = 0; v <= 3; v++) {
                FindCoordinatorResponseData r = new FindCoordinatorResponseData(new ByteBufferAccessor(
                        raw.request(new FindCoordinatorRequestData().setKey("g"), v)), v);
                assertEquals(Errors.NONE.code(), r.errorCode(), "v" + v);
                assertEquals(broker.port(), r.port());
            }
            FindCoordinatorResponseData batched = new FindCoordinatorResponseData(new ByteBufferAccessor(raw.request(
                    new FindCoordinatorRequestData().setCoordinatorKeys(List.of("a", "b")), (short) 6)), (short) 6);
            assertEquals(2, batched.coordinators().size());
            batched.coordinators().forEach(c -> assertEquals(broker.port(), c.port()));
            FindCoordinatorResponseData txn = new FindCoordinatorResponseData(new ByteBufferAccessor(raw.request(
                    new FindCoordinatorRequestData().setKeyType((byte) 1).setCoordinatorKeys(List.of("t")), (short) 6)),
                    (short) 6);
            assertEquals(Errors.COORDINATOR_NOT_AVAILABLE.code(), txn.coordinators().get(0).errorCode());
        }
    }

    @Test
    void oldVersionsCarryAWholeGroupLifecycle() throws Exception {
        try (RawClient raw = new RawClient(broker.port())) {
            raw.request(new FindCoordinatorRequestData().setKey("raw-group"), (short) 0);
            JoinGroupResponseData joined = new JoinGroupResponseData(new ByteBufferAccessor(
                    raw.request(join("raw-group", "", 6000, "consumer"), (short) 0)), (short) 0);
            assertEquals(Errors.NONE.code(), joined.errorCode());
            assertEquals(1, joined.generationId());
            assertEquals(joined.memberId(), joined.leader());
            assertEquals("range", joined.protocolName());
            assertArrayEquals(new byte[] {1, 2}, joined.members().get(0).metadata());
            String me = joined.memberId();

            SyncGroupResponseData synced = new SyncGroupResponseData(new ByteBufferAccessor(raw.request(
                    new SyncGroupRequestData().setGroupId("raw-group").setGenerationId(1).setMemberId(me)
                            .setAssignments(List.of(new SyncGroupRequestData.SyncGroupRequestAssignment()
                                    .setMemberId(me).setAssignment(new byte[] {7}))), (short) 0)), (short) 0);
            assertEquals(Errors.NONE.code(), synced.errorCode());
            assertArrayEquals(new byte[] {7}, synced.assignment());

            assertEquals(Errors.NONE.code(), heartbeat(raw, me, 1));
            assertEquals(Errors.ILLEGAL_GENERATION.code(), heartbeat(raw, me, 0));
            assertEquals(Errors.UNKNOWN_MEMBER_ID.code(), heartbeat(raw, "stranger", 1));

            OffsetCommitResponseData committed = new OffsetCommitResponseData(new ByteBufferAccessor(raw.request(
                    new OffsetCommitRequestData().setGroupId("raw-group").setGenerationIdOrMemberEpoch(1).setMemberId(me)
                            .setTopics(List.of(new OffsetCommitRequestData.OffsetCommitRequestTopic().setName("raw-topic")
                                    .setPartitions(List.of(
                                            new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                                    .setPartitionIndex(0).setCommittedOffset(17).setCommittedMetadata("m"),
                                            new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                                    .setPartitionIndex(1).setCommittedOffset(1)
                                                    .setCommittedMetadata("x".repeat(5000)))),
                                    new OffsetCommitRequestData.OffsetCommitRequestTopic().setName("no-such-topic")
                                            .setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                                    .setPartitionIndex(0).setCommittedOffset(1))))), (short) 2)),
                    (short) 2);
            assertEquals(Errors.NONE.code(), committed.topics().get(0).partitions().get(0).errorCode());
            assertEquals(Errors.OFFSET_METADATA_TOO_LARGE.code(), committed.topics().get(0).partitions().get(1).errorCode());
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), committed.topics().get(1).partitions().get(0).errorCode());

            OffsetFetchResponseData fetched = new OffsetFetchResponseData(new ByteBufferAccessor(raw.request(
                    new OffsetFetchRequestData().setGroupId("raw-group").setTopics(List.of(
                            new OffsetFetchRequestData.OffsetFetchRequestTopic().setName("raw-topic")
                                    .setPartitionIndexes(List.of(0, 1)))), (short) 1)), (short) 1);
            assertEquals(17, fetched.topics().get(0).partitions().get(0).committedOffset());
            assertEquals("m", fetched.topics().get(0).partitions().get(0).metadata());
            assertEquals(-1, fetched.topics().get(0).partitions().get(1).committedOffset());

            LeaveGroupResponseData left = new LeaveGroupResponseData(new ByteBufferAccessor(raw.request(
                    new LeaveGroupRequestData().setGroupId("raw-group").setMemberId(me), (short) 0)), (short) 0);
            assertEquals(Errors.NONE.code(), left.errorCode());
            assertEquals(Errors.UNKNOWN_MEMBER_ID.code(), heartbeat(raw, me, 1));
        }
    }

    private static short heartbeat(RawClient raw, String member, int generation) throws Exception {
        ByteBuffer b = raw.request(new HeartbeatRequestData().setGroupId("raw-group").setMemberId(member)
                .setGenerationId(generation), (short) 0);
        return new HeartbeatResponseData(new ByteBufferAccessor(b), (short) 0).errorCode();
    }

    @Test
    void joinGroupValidation() throws Exception {
        try (RawClient raw = new RawClient(broker.port())) {
            raw.request(new FindCoordinatorRequestData().setKey("checks"), (short) 0);
            JoinGroupResponseData required = new JoinGroupResponseData(new ByteBufferAccessor(
                    raw.request(join("checks", "", 6000, "consumer"), (short) 4)), (short) 4);
            assertEquals(Errors.MEMBER_ID_REQUIRED.code(), required.errorCode());
            assertTrue(required.memberId().startsWith("raw-test-"), required.memberId());

            JoinGroupResponseData tooShort = new JoinGroupResponseData(new ByteBufferAccessor(
                    raw.request(join("checks", "", 100, "consumer"), (short) 9)), (short) 9);
            assertEquals(Errors.INVALID_SESSION_TIMEOUT.code(), tooShort.errorCode());

            JoinGroupResponseData noType = new JoinGroupResponseData(new ByteBufferAccessor(
                    raw.request(join("checks", "", 6000, ""), (short) 9)), (short) 9);
            assertEquals(Errors.INCONSISTENT_GROUP_PROTOCOL.code(), noType.errorCode());

            JoinGroupResponseData unknown = new JoinGroupResponseData(new ByteBufferAccessor(
                    raw.request(join("checks-none", "ghost", 6000, "consumer"), (short) 9)), (short) 9);
            assertEquals(Errors.UNKNOWN_MEMBER_ID.code(), unknown.errorCode());

            JoinGroupResponseData emptyId = new JoinGroupResponseData(new ByteBufferAccessor(
                    raw.request(join("", "", 6000, "consumer"), (short) 9)), (short) 9);
            assertEquals(Errors.INVALID_GROUP_ID.code(), emptyId.errorCode());
        }
    }

    @Test
    void consumerOffsetsIsInternalAndRefusesClientWrites() throws Exception {
        try (RawClient raw = new RawClient(broker.port())) {
            raw.request(new FindCoordinatorRequestData().setKey("make-it-exist"), (short) 0);
        }
        try (Admin admin = broker.admin()) {
            Map<String, TopicListing> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .namesToListings().get();
            assertTrue(topics.get("__consumer_offsets").isInternal());
            assertEquals(10, admin.describeTopics(List.of("__consumer_offsets")).allTopicNames().get()
                    .get("__consumer_offsets").partitions().size());
            assertEquals("compact", admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "__consumer_offsets"))).all().get()
                    .values().iterator().next().get("cleanup.policy").value());
        }
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of("enable.idempotence", false, "acks", "1",
                "retries", 0))) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> producer.send(
                    new ProducerRecord<>("__consumer_offsets", 0, new byte[] {1}, new byte[] {2})).get());
            assertInstanceOf(InvalidTopicException.class, e.getCause());
        }
    }
}
