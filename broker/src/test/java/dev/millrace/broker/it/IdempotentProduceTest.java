package dev.millrace.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idempotent-producer rules of PROTOCOL.md 5.6 and the acks=0 contract of 5.5, driven over a bare
 * socket so each rule is hit exactly, without the Java producer's own retries and epoch bumps in the way.
 */
class IdempotentProduceTest {
    static final short PRODUCE_VERSION = 12;

    @TempDir
    static Path dir;
    static BrokerHarness broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new BrokerHarness(dir);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aRetriedBatchIsAnsweredWithItsOriginalOffsetAndStoredOnce() throws Exception {
        String topic = "idem-dup";
        createTopic(broker, topic);
        try (RawClient raw = new RawClient(broker.port())) {
            long pid = initProducerId(raw);
            MemoryRecords first = batch(pid, (short) 0, 0, "a0", "a1", "a2");
            MemoryRecords second = batch(pid, (short) 0, 3, "b0", "b1");
            MemoryRecords third = batch(pid, (short) 0, 5, "c0");

            assertAppended(0, produce(raw, topic, first));
            assertAppended(3, produce(raw, topic, second));
            assertAppended(5, produce(raw, topic, third));

            // The last batch retried, and an older one still among the five remembered.
            assertAppended(5, produce(raw, topic, third));
            assertAppended(3, produce(raw, topic, second));
            assertAppended(0, produce(raw, topic, first));
            assertEquals(6, latestOffset(raw, topic), "duplicates were not appended");
        }
        List<String> values = readValues(broker, topic, 6);
        assertEquals(List.of("a0", "a1", "a2", "b0", "b1", "c0"), values);
    }

    @Test
    void aSequenceGapIsOutOfOrder() throws Exception {
        String topic = "idem-gap";
        createTopic(broker, topic);
        try (RawClient raw = new RawClient(broker.port())) {
            long pid = initProducerId(raw);
            assertAppended(0, produce(raw, topic, batch(pid, (short) 0, 0, "x0", "x1")));
            // Next expected sequence is 2; 3 skips one.
            assertError(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, produce(raw, topic, batch(pid, (short) 0, 3, "gap")));
            assertEquals(2, latestOffset(raw, topic), "the rejected batch was not appended");
            assertAppended(2, produce(raw, topic, batch(pid, (short) 0, 2, "x2")));
        }
    }

    @Test
    void anOlderEpochIsFenced() throws Exception {
        String topic = "idem-epoch";
        createTopic(broker, topic);
        try (RawClient raw = new RawClient(broker.port())) {
            long pid = initProducerId(raw);
            // An unknown producer may start at any epoch (KIP-360).
            assertAppended(0, produce(raw, topic, batch(pid, (short) 1, 0, "e1")));
            ProduceResponseData.PartitionProduceResponse stale = produce(raw, topic, batch(pid, (short) 0, 1, "e0"));
            assertEquals(47, stale.errorCode(), "Kafka's INVALID_PRODUCER_EPOCH");
            assertError(Errors.INVALID_PRODUCER_EPOCH, stale);
            assertEquals(1, latestOffset(raw, topic));
        }
    }

    @Test
    void aNewEpochMustStartAtSequenceZero() throws Exception {
        String topic = "idem-new-epoch";
        createTopic(broker, topic);
        try (RawClient raw = new RawClient(broker.port())) {
            long pid = initProducerId(raw);
            assertAppended(0, produce(raw, topic, batch(pid, (short) 0, 0, "p0", "p1")));
            // Epoch 1 continuing epoch 0's sequence is not allowed: a bumped epoch restarts at 0.
            assertError(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, produce(raw, topic, batch(pid, (short) 1, 2, "q2")));
            assertEquals(2, latestOffset(raw, topic));
            assertAppended(2, produce(raw, topic, batch(pid, (short) 1, 0, "q0")));
        }
    }

    @Test
    void producerIdsAreDistinctAndKeepIncreasingAcrossRestarts(@TempDir Path own) throws Exception {
        try (BrokerHarness b = new BrokerHarness(own)) {
            long first;
            long second;
            try (RawClient raw = new RawClient(b.port())) {
                first = initProducerId(raw);
                second = initProducerId(raw);
            }
            assertNotEquals(first, second);
            b.restart();
            long third;
            try (RawClient raw = new RawClient(b.port())) {
                third = initProducerId(raw);
            }
            assertTrue(third > Math.max(first, second), "id " + third + " after restart must exceed " + first + " and " + second);
        }
    }

    @Test
    void aDuplicateIsStillRecognisedAfterARestart(@TempDir Path own) throws Exception {
        String topic = "idem-restart";
        MemoryRecords first;
        MemoryRecords second;
        try (BrokerHarness b = new BrokerHarness(own)) {
            createTopic(b, topic);
            try (RawClient raw = new RawClient(b.port())) {
                long pid = initProducerId(raw);
                first = batch(pid, (short) 0, 0, "r0", "r1");
                second = batch(pid, (short) 0, 2, "r2");
                assertAppended(0, produce(raw, topic, first));
                assertAppended(2, produce(raw, topic, second));
            }
            b.restart();
            try (RawClient raw = new RawClient(b.port())) {
                assertAppended(2, produce(raw, topic, second));
                assertAppended(0, produce(raw, topic, first));
                assertEquals(3, latestOffset(raw, topic));
            }
        }
        // Again without the producer-state snapshots written at shutdown: the state must come from the log.
        List<Path> snapshots;
        try (Stream<Path> files = Files.walk(own)) {
            snapshots = files.filter(f -> f.getFileName().toString().endsWith(".snapshot")).toList();
        }
        assertFalse(snapshots.isEmpty(), "a clean shutdown writes producer snapshots");
        for (Path s : snapshots) {
            Files.delete(s);
        }
        try (BrokerHarness b = new BrokerHarness(own); RawClient raw = new RawClient(b.port())) {
            assertAppended(2, produce(raw, topic, second));
            assertAppended(0, produce(raw, topic, first));
            assertEquals(3, latestOffset(raw, topic));
        }
    }

    @Test
    void acksZeroProduceGetsNoResponse() throws Exception {
        String topic = "acks-zero";
        createTopic(broker, topic);
        try (RawClient raw = new RawClient(broker.port())) {
            ProduceRequestData request = produceRequest(topic, 0, MemoryRecords.withRecords(Compression.NONE,
                    record("silent")), (short) 0);
            // A correlation id RawClient never uses, so any answer to the produce would fail the next read.
            raw.sendBytes(frame(request, PRODUCE_VERSION, 1_000_000));
            // RawClient checks the first frame it reads carries the Metadata request's correlation id.
            ByteBuffer body = raw.request(new MetadataRequestData().setTopics(List.of(
                    new MetadataRequestData.MetadataRequestTopic().setName(topic))), (short) 12);
            MetadataResponseData metadata = new MetadataResponseData(new ByteBufferAccessor(body), (short) 12);
            assertEquals(topic, metadata.topics().iterator().next().name());
            // Responses leave in request order, so the produce was done before Metadata was answered.
            assertEquals(1, latestOffset(raw, topic), "the acks=0 batch was appended");
        }
    }

    @Test
    void aFailedAcksZeroProduceClosesTheConnection() throws Exception {
        String topic = "acks-zero-fail";
        createTopic(broker, topic);
        try (RawClient raw = new RawClient(broker.port())) {
            // Partition 7 of a one-partition topic.
            ProduceRequestData request = produceRequest(topic, 7, MemoryRecords.withRecords(Compression.NONE,
                    record("nowhere")), (short) 0);
            raw.sendBytes(frame(request, PRODUCE_VERSION, 1_000_000));
            assertTrue(raw.closedByBroker(), "unknown partition with acks=0 closes the connection");
        }
        try (RawClient raw = new RawClient(broker.port())) {
            ByteBuffer corrupt = MemoryRecords.withRecords(Compression.NONE, record("flipped")).buffer().duplicate();
            int last = corrupt.limit() - 1;
            corrupt.put(last, (byte) (corrupt.get(last) ^ 0x5a));
            ProduceRequestData request = produceRequest(topic, 0, MemoryRecords.readableRecords(corrupt), (short) 0);
            raw.sendBytes(frame(request, PRODUCE_VERSION, 1_000_000));
            assertTrue(raw.closedByBroker(), "a corrupt batch with acks=0 closes the connection");
        }
        try (RawClient raw = new RawClient(broker.port())) {
            assertEquals(0, latestOffset(raw, topic), "nothing was appended");
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    static void createTopic(BrokerHarness b, String topic) throws Exception {
        try (Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    static long initProducerId(RawClient raw) throws IOException {
        short version = 4;
        ByteBuffer body = raw.request(new InitProducerIdRequestData().setTransactionalId(null)
                .setTransactionTimeoutMs(60_000).setProducerId(-1L).setProducerEpoch((short) -1), version);
        InitProducerIdResponseData response = new InitProducerIdResponseData(new ByteBufferAccessor(body), version);
        assertEquals(Errors.NONE.code(), response.errorCode());
        assertEquals(0, response.producerEpoch(), "a fresh producer id starts at epoch 0");
        assertTrue(response.producerId() >= 0);
        return response.producerId();
    }

    /** A batch with real timestamps: producer state expires by batch time, and -1 would read as long ago. */
    static MemoryRecords batch(long producerId, short epoch, int baseSequence, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = record(values[i]);
        }
        return MemoryRecords.withIdempotentRecords(Compression.NONE, producerId, epoch, baseSequence, records);
    }

    static SimpleRecord record(String value) {
        return new SimpleRecord(System.currentTimeMillis(), null, value.getBytes(StandardCharsets.UTF_8));
    }

    static ProduceRequestData produceRequest(String topic, int partition, MemoryRecords records, short acks) {
        ProduceRequestData request = new ProduceRequestData().setAcks(acks).setTimeoutMs(5000);
        ProduceRequestData.TopicProduceData data = new ProduceRequestData.TopicProduceData().setName(topic);
        // A view of the batch, so the same batch object can be sent again byte for byte.
        data.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(partition)
                .setRecords(MemoryRecords.readableRecords(records.buffer().duplicate())));
        request.topicData().add(data);
        return request;
    }

    static ProduceResponseData.PartitionProduceResponse produce(RawClient raw, String topic, MemoryRecords records)
            throws IOException {
        ByteBuffer body = raw.request(produceRequest(topic, 0, records, (short) -1), PRODUCE_VERSION);
        ProduceResponseData response = new ProduceResponseData(new ByteBufferAccessor(body), PRODUCE_VERSION);
        return response.responses().iterator().next().partitionResponses().get(0);
    }

    static void assertAppended(long expectedBaseOffset, ProduceResponseData.PartitionProduceResponse response) {
        assertEquals(Errors.NONE, Errors.forCode(response.errorCode()), response.errorMessage());
        assertEquals(expectedBaseOffset, response.baseOffset(), "base offset");
    }

    static void assertError(Errors expected, ProduceResponseData.PartitionProduceResponse response) {
        assertEquals(expected, Errors.forCode(response.errorCode()));
        assertEquals(-1L, response.baseOffset());
    }

    static long latestOffset(RawClient raw, String topic) throws IOException {
        short version = 7;
        ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1);
        request.topics().add(new ListOffsetsRequestData.ListOffsetsTopic().setName(topic).setPartitions(List.of(
                new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(0).setTimestamp(-1L)
                        .setCurrentLeaderEpoch(-1))));
        ListOffsetsResponseData response = new ListOffsetsResponseData(new ByteBufferAccessor(raw.request(request, version)), version);
        ListOffsetsResponseData.ListOffsetsPartitionResponse p = response.topics().get(0).partitions().get(0);
        assertEquals(Errors.NONE.code(), p.errorCode());
        return p.offset();
    }

    static List<String> readValues(BrokerHarness b, String topic, int expected) {
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = b.consumer(Map.of())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            // One more poll: anything beyond the expected records would be a stored duplicate.
            consumer.poll(Duration.ofMillis(200)).forEach(r -> out.add(new String(r.value(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** A whole request frame with a chosen correlation id, for requests whose answer must not be awaited. */
    static byte[] frame(ApiMessage body, short version, int correlationId) {
        ApiKeys api = ApiKeys.forId(body.apiKey());
        RequestHeaderData header = new RequestHeaderData().setRequestApiKey(api.id).setRequestApiVersion(version)
                .setCorrelationId(correlationId).setClientId("raw-test");
        short headerVersion = api.requestHeaderVersion(version);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.size(cache, headerVersion) + body.size(cache, version);
        ByteBuffer buf = ByteBuffer.allocate(4 + size);
        buf.putInt(size);
        ByteBufferAccessor accessor = new ByteBufferAccessor(buf);
        header.write(accessor, cache, headerVersion);
        body.write(accessor, cache, version);
        return buf.array();
    }
}
