package dev.millrace.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.EpochEndOffset;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real broker answering the versions Kafka 4.0 removed, as an old client sends them: kafka-clients 3.9's
 * request classes pinned to those versions over a socket, every answer checked against the broker's state.
 */
class OldVersionsEndToEndTest {

    private static final byte TOPIC_RESOURCE = 2;

    @TempDir
    static Path logDir;
    static Broker broker;

    @BeforeAll
    static void start() throws InterruptedException {
        broker = new Broker(logDir);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void apiVersionsAdvertisesTheOldVersionsAndProduceFromZero() throws IOException {
        try (RawClient client = new RawClient(broker.port())) {
            ApiVersionsResponseData response = new ApiVersionsResponseData(
                    new ByteBufferAccessor(client.request(new ApiVersionsRequestData(), (short) 0)), (short) 0);
            assertEquals(Errors.NONE.code(), response.errorCode());
            // Produce (0) as Kafka 4 advertises it; then the five APIs whose KIP-896 versions we keep.
            for (short key : new short[] {0, 2, 19, 20, 23, 32}) {
                assertEquals(0, response.apiKeys().find(key).minVersion(), "api key " + key);
            }
        }
    }

    @Test
    void createTopicsV0CreatesWithConfigsAndAnswersWithoutMessages() throws IOException {
        try (RawClient client = new RawClient(broker.port())) {
            CreateTopicsResponseData response = createTopics(client, (short) 0, false,
                    topic("ct-v0", 3, Map.of("retention.ms", "3600000")),
                    topic("ct-v0-bad", 1, Map.of("retention.ms", "soon")));
            assertEquals(Errors.NONE.code(), response.topics().find("ct-v0").errorCode());
            CreatableTopicResult bad = response.topics().find("ct-v0-bad");
            assertEquals(Errors.INVALID_CONFIG.code(), bad.errorCode());
            assertEquals("", bad.errorMessage(), "v0 sends no message; kafka-clients keeps its default");
            assertEquals(3, partitionCount(client, "ct-v0"));
            assertEquals(-1, partitionCount(client, "ct-v0-bad"));

            CreateTopicsResponseData again = createTopics(client, (short) 0, false, topic("ct-v0", 3, Map.of()));
            assertEquals(Errors.TOPIC_ALREADY_EXISTS.code(), again.topics().find("ct-v0").errorCode());
        }
    }

    @Test
    void createTopicsV1ValidatesOnlyWhenAskedAndExplainsErrors() throws IOException {
        try (RawClient client = new RawClient(broker.port())) {
            CreateTopicsResponseData dryRun = createTopics(client, (short) 1, true, topic("ct-v1", 2, Map.of()));
            assertEquals(Errors.NONE.code(), dryRun.topics().find("ct-v1").errorCode());
            assertEquals(-1, partitionCount(client, "ct-v1"), "validateOnly created nothing");

            CreateTopicsResponseData bad = createTopics(client, (short) 1, true,
                    topic("ct-v1-bad", 1, Map.of("retention.ms", "soon")));
            assertEquals(Errors.INVALID_CONFIG.code(), bad.topics().find("ct-v1-bad").errorCode());
            assertNotNull(bad.topics().find("ct-v1-bad").errorMessage(), "v1 carries the error message");

            CreateTopicsResponseData real = createTopics(client, (short) 1, false, topic("ct-v1", 2, Map.of()));
            assertEquals(Errors.NONE.code(), real.topics().find("ct-v1").errorCode());
            assertEquals(2, partitionCount(client, "ct-v1"));
        }
    }

    @Test
    void deleteTopicsV0DeletesAndReportsUnknownTopics() throws IOException {
        try (RawClient client = new RawClient(broker.port())) {
            createTopics(client, (short) 0, false, topic("dt-v0", 1, Map.of()));
            assertEquals(1, partitionCount(client, "dt-v0"));

            DeleteTopicsResponseData response = deleteTopics(client, "dt-v0", "dt-v0-missing");
            assertEquals(Errors.NONE.code(), response.responses().find("dt-v0").errorCode());
            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(),
                    response.responses().find("dt-v0-missing").errorCode());
            assertEquals(-1, partitionCount(client, "dt-v0"));
        }
    }

    @Test
    void describeConfigsV0MarksDefaultsAndOverrides() throws IOException {
        try (RawClient client = new RawClient(broker.port())) {
            createTopics(client, (short) 0, false, topic("dc-v0", 1, Map.of("retention.ms", "3600000")));
            DescribeConfigsRequestData request = new DescribeConfigsRequestData().setResources(List.of(
                    new DescribeConfigsRequestData.DescribeConfigsResource()
                            .setResourceType(TOPIC_RESOURCE).setResourceName("dc-v0").setConfigurationKeys(null),
                    new DescribeConfigsRequestData.DescribeConfigsResource()
                            .setResourceType(TOPIC_RESOURCE).setResourceName("dc-v0-missing")
                            .setConfigurationKeys(null)));
            DescribeConfigsResponseData response = new DescribeConfigsResponseData(
                    new ByteBufferAccessor(client.request(request, (short) 0)), (short) 0);

            DescribeConfigsResult topic = response.results().get(0);
            assertEquals(Errors.NONE.code(), topic.errorCode());
            Map<String, DescribeConfigsResourceResult> configs = topic.configs().stream()
                    .collect(Collectors.toMap(DescribeConfigsResourceResult::name, c -> c));
            assertEquals("3600000", configs.get("retention.ms").value());
            assertFalse(configs.get("retention.ms").isDefault(), "a topic override is not a default");
            assertEquals("1073741824", configs.get("segment.bytes").value());
            assertTrue(configs.get("segment.bytes").isDefault());
            assertTrue(configs.get("cleanup.policy").isDefault());

            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), response.results().get(1).errorCode());
        }
    }

    @Test
    void listOffsetsV0AnswersEarliestLatestAndTimes() throws IOException {
        try (RawClient client = new RawClient(broker.port())) {
            createTopics(client, (short) 0, false, topic("lo-v0", 1, Map.of()));
            assertEquals(List.of(0L), listOffsetsV0(client, "lo-v0", -1L, 1), "latest of an empty log");

            long base = System.currentTimeMillis() - 60_000;
            assertEquals(0L, produce(client, "lo-v0", base, 5));
            assertEquals(List.of(5L), listOffsetsV0(client, "lo-v0", -1L, 1), "latest: the high watermark");
            assertEquals(List.of(0L), listOffsetsV0(client, "lo-v0", -2L, 1), "earliest: the log start");
            assertEquals(List.of(2L), listOffsetsV0(client, "lo-v0", base + 1500, 1), "first record at or after");
            assertEquals(List.of(), listOffsetsV0(client, "lo-v0", base + 10_000, 1), "no record that late");
            assertEquals(List.of(5L), listOffsetsV0(client, "lo-v0", -1L, 10), "one offset, not segment bases");
            assertEquals(List.of(), listOffsetsV0(client, "lo-v0", -1L, 0), "capped by MaxNumOffsets");

            assertEquals(3L, deleteRecords(client, "lo-v0", 3));
            assertEquals(List.of(3L), listOffsetsV0(client, "lo-v0", -2L, 1), "earliest follows the log start");
        }
    }

    @Test
    void offsetForLeaderEpochV0AndV1FindTheEpochEnd() throws IOException {
        try (RawClient client = new RawClient(broker.port())) {
            createTopics(client, (short) 0, false, topic("ofle", 1, Map.of()));
            EpochEndOffset empty = offsetForLeaderEpoch(client, (short) 1, "ofle", 0);
            assertEquals(Errors.NONE.code(), empty.errorCode());
            assertEquals(0, empty.leaderEpoch(), "epoch 0 starts when the partition gets its leader");
            assertEquals(0, empty.endOffset(), "and ends, for now, at the empty log's end");

            produce(client, "ofle", System.currentTimeMillis(), 4);
            EpochEndOffset v0 = offsetForLeaderEpoch(client, (short) 0, "ofle", 0);
            assertEquals(Errors.NONE.code(), v0.errorCode());
            assertEquals(4, v0.endOffset(), "the current epoch ends at the log end");
            assertEquals(-1, v0.leaderEpoch(), "v0 carries no epoch");

            EpochEndOffset v1 = offsetForLeaderEpoch(client, (short) 1, "ofle", 0);
            assertEquals(4, v1.endOffset());
            assertEquals(0, v1.leaderEpoch());

            EpochEndOffset future = offsetForLeaderEpoch(client, (short) 1, "ofle", 7);
            assertEquals(-1, future.endOffset());
            assertEquals(-1, future.leaderEpoch());

            assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(),
                    offsetForLeaderEpoch(client, (short) 0, "ofle-missing", 0).errorCode());
        }
    }

    /** Kafka 4 advertises Produce from 0 for librdkafka's sake but drops a client that sends v0-2; so do we. */
    @Test
    void produceV0ToV2AreAdvertisedButCloseTheConnection() throws IOException {
        for (short version = 0; version <= 2; version++) {
            try (RawClient client = new RawClient(broker.port())) {
                ProduceRequestData request = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(10_000);
                request.topicData().add(new ProduceRequestData.TopicProduceData().setName("old-format")
                        .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(0)
                                .setRecords(MemoryRecords.EMPTY))));
                client.send(request, version);
                assertTrue(client.closedByBroker(), "Produce v" + version);
            }
        }
        try (RawClient client = new RawClient(broker.port())) {
            ApiVersionsResponseData response = new ApiVersionsResponseData(
                    new ByteBufferAccessor(client.request(new ApiVersionsRequestData(), (short) 0)), (short) 0);
            assertEquals(Errors.NONE.code(), response.errorCode(), "the broker still serves new connections");
        }
    }

    // --- requests, as an old client would build them

    private static CreatableTopic topic(String name, int partitions, Map<String, String> configs) {
        CreatableTopic topic = new CreatableTopic().setName(name).setNumPartitions(partitions)
                .setReplicationFactor((short) 1);
        configs.forEach((k, v) -> topic.configs().add(new CreatableTopicConfig().setName(k).setValue(v)));
        return topic;
    }

    private static CreateTopicsResponseData createTopics(RawClient client, short version, boolean validateOnly,
                                                         CreatableTopic... topics) throws IOException {
        CreateTopicsRequestData request = new CreateTopicsRequestData().setTimeoutMs(30_000)
                .setValidateOnly(validateOnly);
        for (CreatableTopic t : topics) {
            request.topics().add(t);
        }
        return new CreateTopicsResponseData(new ByteBufferAccessor(client.request(request, version)), version);
    }

    private static DeleteTopicsResponseData deleteTopics(RawClient client, String... names) throws IOException {
        DeleteTopicsRequestData request = new DeleteTopicsRequestData().setTopicNames(List.of(names))
                .setTimeoutMs(30_000);
        return new DeleteTopicsResponseData(new ByteBufferAccessor(client.request(request, (short) 0)), (short) 0);
    }

    /** The topic's partition count from Metadata v4 (which, unlike v0-3, does not auto-create), or -1. */
    private static int partitionCount(RawClient client, String topic) throws IOException {
        MetadataRequestData request = new MetadataRequestData().setAllowAutoTopicCreation(false)
                .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName(topic)));
        MetadataResponseData response = new MetadataResponseData(
                new ByteBufferAccessor(client.request(request, (short) 4)), (short) 4);
        MetadataResponseData.MetadataResponseTopic t = response.topics().find(topic);
        return t.errorCode() == Errors.NONE.code() ? t.partitions().size() : -1;
    }

    private static List<Long> listOffsetsV0(RawClient client, String topic, long timestamp, int maxNumOffsets)
            throws IOException {
        ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1).setTopics(List.of(
                new ListOffsetsRequestData.ListOffsetsTopic().setName(topic).setPartitions(List.of(
                        new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(0)
                                .setTimestamp(timestamp).setMaxNumOffsets(maxNumOffsets)))));
        ListOffsetsResponseData response = new ListOffsetsResponseData(
                new ByteBufferAccessor(client.request(request, (short) 0)), (short) 0);
        ListOffsetsResponseData.ListOffsetsPartitionResponse p = response.topics().get(0).partitions().get(0);
        assertEquals(Errors.NONE.code(), p.errorCode());
        return p.oldStyleOffsets();
    }

    /** Appends {@code count} records stamped {@code firstTimestamp}, +1s, +2s... (Produce v8); the base offset. */
    private static long produce(RawClient client, String topic, long firstTimestamp, int count) throws IOException {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(firstTimestamp + i * 1000L, null, ("v" + i).getBytes());
        }
        ProduceRequestData request = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(10_000);
        request.topicData().add(new ProduceRequestData.TopicProduceData().setName(topic)
                .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(0)
                        .setRecords(MemoryRecords.withRecords(Compression.NONE, records)))));
        ProduceResponseData response = new ProduceResponseData(
                new ByteBufferAccessor(client.request(request, (short) 8)), (short) 8);
        ProduceResponseData.PartitionProduceResponse p = response.responses().find(topic).partitionResponses().get(0);
        assertEquals(Errors.NONE.code(), p.errorCode(), p.errorMessage());
        return p.baseOffset();
    }

    /** DeleteRecords v0 up to {@code offset}; the new low watermark. */
    private static long deleteRecords(RawClient client, String topic, long offset) throws IOException {
        DeleteRecordsRequestData request = new DeleteRecordsRequestData().setTimeoutMs(10_000).setTopics(List.of(
                new DeleteRecordsRequestData.DeleteRecordsTopic().setName(topic).setPartitions(List.of(
                        new DeleteRecordsRequestData.DeleteRecordsPartition().setPartitionIndex(0).setOffset(offset)))));
        DeleteRecordsResponseData response = new DeleteRecordsResponseData(
                new ByteBufferAccessor(client.request(request, (short) 0)), (short) 0);
        DeleteRecordsResponseData.DeleteRecordsPartitionResult p = response.topics().find(topic).partitions().find(0);
        assertEquals(Errors.NONE.code(), p.errorCode());
        return p.lowWatermark();
    }

    private static EpochEndOffset offsetForLeaderEpoch(RawClient client, short version, String topic, int epoch)
            throws IOException {
        OffsetForLeaderEpochRequestData request = new OffsetForLeaderEpochRequestData();
        request.topics().add(new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic().setTopic(topic)
                .setPartitions(List.of(new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition()
                        .setPartition(0).setLeaderEpoch(epoch))));
        ByteBuffer body = client.request(request, version);
        OffsetForLeaderEpochResponseData response = new OffsetForLeaderEpochResponseData(
                new ByteBufferAccessor(body), version);
        return response.topics().find(topic).partitions().get(0);
    }
}
