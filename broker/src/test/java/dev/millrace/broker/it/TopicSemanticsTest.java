package dev.millrace.broker.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topic-level semantics that clients observe: LogAppendTime stamping, the topic's compression.type, topic
 * auto-creation and its switches, and the leader epoch in Metadata and the epoch-fenced APIs.
 */
class TopicSemanticsTest {
    static final int AUTO_PARTITIONS = 3;

    @TempDir
    static Path dir;
    static BrokerHarness broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new BrokerHarness(dir, Map.of("num.partitions", Integer.toString(AUTO_PARTITIONS)));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    // ---- (a) LogAppendTime ----------------------------------------------------------------------

    @Test
    void logAppendTimeTopicsCarryTheBrokersTimeNotTheProducers() throws Exception {
        String topic = "append-time";
        createTopic(topic, Map.of("message.timestamp.type", "LogAppendTime"));
        long producerTimestamp = System.currentTimeMillis() - Duration.ofDays(3).toMillis();
        long before;
        long after;
        RecordMetadata meta;
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            producer.partitionsFor(topic);
            before = System.currentTimeMillis();
            meta = producer.send(new ProducerRecord<>(topic, 0, producerTimestamp, null, bytes("stamped"))).get();
            after = System.currentTimeMillis();
        }
        // Broker and test share a clock: the append happened between send and acknowledgement.
        assertTrue(meta.timestamp() >= before && meta.timestamp() <= after,
                "RecordMetadata carries the log append time, got " + meta.timestamp() + " outside [" + before + ", " + after + "]");

        List<ConsumerRecord<byte[], byte[]>> records = read(topic, 0, 1);
        ConsumerRecord<byte[], byte[]> r = records.get(0);
        assertEquals(TimestampType.LOG_APPEND_TIME, r.timestampType());
        assertEquals(meta.timestamp(), r.timestamp());
        assertNotEquals(producerTimestamp, r.timestamp());
        assertEquals("stamped", new String(r.value(), StandardCharsets.UTF_8));
    }

    // ---- (b) compression.type -------------------------------------------------------------------

    @Test
    void aGzipTopicStoresUncompressedBatchesAsGzip() throws Exception {
        String topic = "gzip-topic";
        createTopic(topic, Map.of("compression.type", "gzip"));
        List<byte[]> sent = produceBatch(topic, "none", 200);

        List<RecordBatch> stored = fetchBatches(topic);
        assertFalse(stored.isEmpty());
        for (RecordBatch batch : stored) {
            assertEquals(CompressionType.GZIP, batch.compressionType(), "stored codec of the batch at " + batch.baseOffset());
        }
        assertValuesIntact(topic, sent);
    }

    @Test
    void aProducerCodecTopicKeepsTheProducersCodec() throws Exception {
        String topic = "producer-codec";
        createTopic(topic, Map.of("compression.type", "producer"));
        List<byte[]> sent = produceBatch(topic, "lz4", 200);

        List<RecordBatch> stored = fetchBatches(topic);
        assertFalse(stored.isEmpty());
        for (RecordBatch batch : stored) {
            assertEquals(CompressionType.LZ4, batch.compressionType(), "stored codec of the batch at " + batch.baseOffset());
        }
        assertValuesIntact(topic, sent);
    }

    // ---- (c) auto-creation ----------------------------------------------------------------------

    @Test
    void aProducerToAnUnknownTopicCreatesItWithNumPartitions() throws Exception {
        String topic = "auto-by-producer";
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, bytes("first"))).get();
        }
        try (Admin admin = broker.admin()) {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertEquals(AUTO_PARTITIONS, d.partitions().size());
        }
    }

    @Test
    void aConsumerCreatesOnlyWhenItAllowsAutoCreation() throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false))) {
            List<PartitionInfo> partitions = consumer.partitionsFor("ghost");
            assertTrue(partitions == null || partitions.isEmpty(), "no partitions for a topic that must not exist: " + partitions);
        }
        try (Admin admin = broker.admin()) {
            assertFalse(admin.listTopics().names().get().contains("ghost"));
        }
        // The same lookup with the consumer's default (allow) does create: the flag is what made the difference.
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            assertEquals(AUTO_PARTITIONS, consumer.partitionsFor("wanted").size());
        }
        try (Admin admin = broker.admin()) {
            assertTrue(admin.listTopics().names().get().contains("wanted"));
        }
    }

    @Test
    void withAutoCreationDisabledAProducerToAnUnknownTopicTimesOut(@TempDir Path own) throws Exception {
        try (BrokerHarness b = new BrokerHarness(own, Map.of("auto.create.topics.enable", "false"))) {
            try (KafkaProducer<byte[], byte[]> producer = b.producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1500))) {
                Future<RecordMetadata> f = producer.send(new ProducerRecord<>("absent", bytes("lost")));
                ExecutionException e = assertThrows(ExecutionException.class, f::get);
                assertInstanceOf(TimeoutException.class, e.getCause());
                assertTrue(e.getCause().getMessage().contains("absent") && e.getCause().getMessage().contains("not present in metadata"),
                        e.getCause().getMessage());
            }
            try (Admin admin = b.admin()) {
                assertFalse(admin.listTopics().names().get().contains("absent"));
            }
        }
    }

    // ---- (d) leader epochs ----------------------------------------------------------------------

    @Test
    void metadataCarriesTopicIdAndLeaderEpochZero() throws Exception {
        String topic = "epochs-metadata";
        createTopic(topic, Map.of());
        Uuid id;
        try (Admin admin = broker.admin()) {
            id = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).topicId();
        }
        short version = 12;
        try (RawClient raw = new RawClient(broker.port())) {
            MetadataRequestData request = new MetadataRequestData().setAllowAutoTopicCreation(false)
                    .setTopics(List.of(new MetadataRequestData.MetadataRequestTopic().setName(topic).setTopicId(Uuid.ZERO_UUID)));
            MetadataResponseData response = new MetadataResponseData(new ByteBufferAccessor(raw.request(request, version)), version);
            MetadataResponseData.MetadataResponseTopic t = response.topics().find(topic);
            assertEquals(Errors.NONE.code(), t.errorCode());
            assertNotEquals(Uuid.ZERO_UUID, t.topicId());
            assertEquals(id, t.topicId(), "the id Admin sees");
            int nodeId = response.brokers().iterator().next().nodeId();
            assertEquals(1, t.partitions().size());
            assertEquals(0, t.partitions().get(0).leaderEpoch());
            assertEquals(nodeId, t.partitions().get(0).leaderId());
        }
    }

    @Test
    void aNewerClientEpochIsUnknownAndEpochZeroEndsAtTheLogEnd() throws Exception {
        String topic = "epochs-fenced";
        createTopic(topic, Map.of());
        produceBatch(topic, "none", 7);
        try (RawClient raw = new RawClient(broker.port())) {
            ListOffsetsResponseData.ListOffsetsPartitionResponse ahead = listLatest(raw, topic, 5);
            assertEquals(Errors.UNKNOWN_LEADER_EPOCH, Errors.forCode(ahead.errorCode()), "a client epoch newer than ours");
            assertEquals(-1L, ahead.offset());
            ListOffsetsResponseData.ListOffsetsPartitionResponse current = listLatest(raw, topic, 0);
            assertEquals(Errors.NONE.code(), current.errorCode(), "our own epoch passes the check");
            assertEquals(7, current.offset());

            assertEquals(Errors.UNKNOWN_LEADER_EPOCH, Errors.forCode(fetchPartition(raw, topic, 5).errorCode()));
            assertEquals(Errors.NONE, Errors.forCode(fetchPartition(raw, topic, 0).errorCode()));

            short version = 4;
            OffsetForLeaderEpochRequestData request = new OffsetForLeaderEpochRequestData().setReplicaId(-1);
            OffsetForLeaderEpochRequestData.OffsetForLeaderTopic t = new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic()
                    .setTopic(topic).setPartitions(List.of(new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition()
                            .setPartition(0).setCurrentLeaderEpoch(0).setLeaderEpoch(0)));
            request.topics().add(t);
            OffsetForLeaderEpochResponseData response = new OffsetForLeaderEpochResponseData(
                    new ByteBufferAccessor(raw.request(request, version)), version);
            OffsetForLeaderEpochResponseData.EpochEndOffset end = response.topics().find(topic).partitions().get(0);
            assertEquals(Errors.NONE.code(), end.errorCode());
            assertEquals(0, end.leaderEpoch());
            assertEquals(7, end.endOffset(), "epoch 0 is current, so it ends at the log end offset");
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static void createTopic(String name, Map<String, String> configs) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(configs))).all().get();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends {@code count} compressible records to partition 0 with the given producer codec; returns the values. */
    private static List<byte[]> produceBatch(String topic, String codec, int count) throws Exception {
        List<byte[]> values = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec,
                ProducerConfig.LINGER_MS_CONFIG, 20))) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] value = bytes("value " + i + " ".repeat(50) + "padding that compresses well");
                values.add(value);
                acks.add(producer.send(new ProducerRecord<>(topic, 0, null, value)));
            }
            for (Future<RecordMetadata> f : acks) {
                f.get();
            }
        }
        return values;
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int partition, int expected) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static void assertValuesIntact(String topic, List<byte[]> sent) {
        List<ConsumerRecord<byte[], byte[]>> got = read(topic, 0, sent.size());
        assertEquals(sent.size(), got.size());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(i, got.get(i).offset());
            assertArrayEquals(sent.get(i), got.get(i).value(), "value at offset " + i);
        }
    }

    /** Every batch of partition 0 from offset 0, as stored: a raw Fetch v12 shows the codec on disk. */
    private static List<RecordBatch> fetchBatches(String topic) throws IOException {
        try (RawClient raw = new RawClient(broker.port())) {
            FetchResponseData.PartitionData p = fetchPartition(raw, topic, -1);
            assertEquals(Errors.NONE.code(), p.errorCode());
            List<RecordBatch> batches = new ArrayList<>();
            ((MemoryRecords) p.records()).batches().forEach(batches::add);
            return batches;
        }
    }

    private static FetchResponseData.PartitionData fetchPartition(RawClient raw, String topic, int currentLeaderEpoch)
            throws IOException {
        short version = 12;
        FetchRequestData request = new FetchRequestData().setReplicaId(-1).setMaxWaitMs(0).setMinBytes(1)
                .setMaxBytes(8 * 1024 * 1024).setIsolationLevel((byte) 0).setSessionId(0).setSessionEpoch(-1)
                .setTopics(List.of(new FetchRequestData.FetchTopic().setTopic(topic).setPartitions(List.of(
                        new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(0)
                                .setPartitionMaxBytes(8 * 1024 * 1024).setCurrentLeaderEpoch(currentLeaderEpoch)
                                .setLogStartOffset(-1)))));
        ByteBuffer body = raw.request(request, version);
        FetchResponseData response = new FetchResponseData(new ByteBufferAccessor(body), version);
        assertEquals(Errors.NONE.code(), response.errorCode());
        return response.responses().get(0).partitions().get(0);
    }

    private static ListOffsetsResponseData.ListOffsetsPartitionResponse listLatest(RawClient raw, String topic,
                                                                                 int currentLeaderEpoch) throws IOException {
        short version = 7;
        ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1);
        request.topics().add(new ListOffsetsRequestData.ListOffsetsTopic().setName(topic).setPartitions(List.of(
                new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(0).setTimestamp(-1L)
                        .setCurrentLeaderEpoch(currentLeaderEpoch))));
        return new ListOffsetsResponseData(new ByteBufferAccessor(raw.request(request, version)), version)
                .topics().get(0).partitions().get(0);
    }
}
