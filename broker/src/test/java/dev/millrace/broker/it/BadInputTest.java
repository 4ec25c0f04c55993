package dev.millrace.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets Kafka's error code or a clean disconnect of that one connection, and nothing stored is
 * lost: after every case here a normal client still reads what was written before.
 */
class BadInputTest {
    static final String TOPIC = "guarded";
    static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;

    @TempDir
    static Path dir;
    static BrokerHarness broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new BrokerHarness(dir, Map.of("socket.request.max.bytes", Integer.toString(MAX_REQUEST_BYTES)));
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of("max.message.bytes", "10000")))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            producer.send(new ProducerRecord<>(TOPIC, "before".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    @AfterAll
    static void stop() {
        assertStillServesClients();
        broker.close();
    }

    @Test
    void unknownApiKeyClosesTheConnection() throws IOException {
        try (RawClient raw = new RawClient(broker.port())) {
            raw.sendBytes(frame(header((short) 999, (short) 0)));
            assertTrue(raw.closedByBroker());
        }
        assertStillServesClients();
    }

    @Test
    void unsupportedVersionClosesTheConnection() throws IOException {
        try (RawClient raw = new RawClient(broker.port())) {
            // Produce v2 needs the old message format, which Kafka 4 and Millrace refuse.
            raw.sendBytes(frame(header((short) 0, (short) 2)));
            assertTrue(raw.closedByBroker());
        }
        try (RawClient raw = new RawClient(broker.port())) {
            raw.sendBytes(frame(header((short) 3, (short) 99)));
            assertTrue(raw.closedByBroker());
        }
    }

    @Test
    void tooNewApiVersionsGetsTheVersionZeroFallback() throws IOException {
        try (RawClient raw = new RawClient(broker.port())) {
            // A flexible (v2) header: the v1 fields plus an empty tagged-field section.
            raw.sendBytes(frame(concat(header((short) 18, (short) 99), new byte[] {0})));
            ByteBuffer response = raw.readFrame();
            assertEquals(1, response.getInt(), "correlation id");
            ApiVersionsResponseData body = new ApiVersionsResponseData(new ByteBufferAccessor(response), (short) 0);
            assertEquals(Errors.UNSUPPORTED_VERSION.code(), body.errorCode());
            assertEquals(1, body.apiKeys().size());
            assertEquals(18, body.apiKeys().iterator().next().apiKey());
        }
    }

    @Test
    void truncatedRequestClosesTheConnection() throws IOException {
        try (RawClient raw = new RawClient(broker.port())) {
            // Metadata v1 whose topic array claims 5 entries but carries none.
            ByteBuffer b = ByteBuffer.allocate(4);
            b.putInt(5);
            raw.sendBytes(frame(concat(header((short) 3, (short) 1), b.array())));
            assertTrue(raw.closedByBroker());
        }
    }

    @Test
    void frameAboveSocketRequestMaxBytesClosesTheConnectionBeforeReadingIt() throws IOException {
        try (RawClient raw = new RawClient(broker.port())) {
            ByteBuffer b = ByteBuffer.allocate(4);
            b.putInt(MAX_REQUEST_BYTES + 1);
            raw.sendBytes(b.array());
            assertTrue(raw.closedByBroker());
        }
        try (RawClient raw = new RawClient(broker.port())) {
            raw.sendBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0});
            assertTrue(raw.closedByBroker(), "a negative size closes too");
        }
    }

    @Test
    void corruptAndInvalidBatchesGetKafkasErrorCodes() throws IOException {
        MemoryRecords good = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("x".getBytes(StandardCharsets.UTF_8)));

        byte[] corrupt = bytes(good);
        corrupt[corrupt.length - 1] ^= 0x5a;
        assertEquals(Errors.CORRUPT_MESSAGE, produce(corrupt, (short) 9));

        byte[] wrongCount = bytes(good);
        ByteBuffer.wrap(wrongCount).putInt(23, 5);
        // lastOffsetDelta is covered by the CRC, so fix it up to reach the record-level check.
        fixCrc(wrongCount);
        assertEquals(Errors.INVALID_RECORD, produce(wrongCount, (short) 9));

        MemoryRecords big = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(new byte[20_000]));
        assertEquals(Errors.MESSAGE_TOO_LARGE, produce(bytes(big), (short) 9));

        MemoryRecords future = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(System.currentTimeMillis() + 2 * 3_600_000L, "late".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Errors.INVALID_TIMESTAMP, produce(bytes(future), (short) 9));

        MemoryRecords zstd = MemoryRecords.withRecords(Compression.zstd().build(), new SimpleRecord("z".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Errors.UNSUPPORTED_COMPRESSION_TYPE, produce(bytes(zstd), (short) 6));

        assertEquals(Errors.NONE, produce(bytes(good), (short) 9), "a good batch on the same connection still lands");
    }

    @Test
    void randomGarbageNeverHurtsTheBroker() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            try (RawClient raw = new RawClient(broker.port())) {
                byte[] junk = new byte[random.nextInt(200)];
                random.nextBytes(junk);
                if (i % 2 == 0 && junk.length >= 4) {
                    // Half the time, a plausible length prefix so the junk reaches the request decoder.
                    ByteBuffer.wrap(junk).putInt(junk.length - 4);
                }
                raw.sendBytes(junk);
            }
        }
        // A valid request with a random body.
        for (int i = 0; i < 100; i++) {
            try (RawClient raw = new RawClient(broker.port())) {
                byte[] junk = new byte[random.nextInt(100)];
                random.nextBytes(junk);
                raw.sendBytes(frame(concat(header((short) (random.nextInt(60)), (short) random.nextInt(13)), junk)));
            }
        }
        assertStillServesClients();
    }

    private static Errors produce(byte[] batch, short version) throws IOException {
        ProduceRequestData request = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(5000);
        ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData().setName(TOPIC);
        topic.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(0)
                .setRecords(MemoryRecords.readableRecords(ByteBuffer.wrap(batch))));
        request.topicData().add(topic);
        try (RawClient raw = new RawClient(broker.port())) {
            ByteBuffer response = raw.request(request, version);
            ProduceResponseData data = new ProduceResponseData(new ByteBufferAccessor(response), version);
            return Errors.forCode(data.responses().iterator().next().partitionResponses().get(0).errorCode());
        }
    }

    static void assertStillServesClients() {
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (records.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertEquals("before", new String(records.get(0).value(), StandardCharsets.UTF_8));
        }
    }

    private static byte[] bytes(MemoryRecords records) {
        ByteBuffer b = records.buffer().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static void fixCrc(byte[] batch) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(batch, 21, batch.length - 21);
        ByteBuffer.wrap(batch).putInt(17, (int) crc.getValue());
    }

    /** A v1 request header: api key, version, correlation id 1, client id "raw". */
    private static byte[] header(short apiKey, short version) {
        ByteBuffer b = ByteBuffer.allocate(2 + 2 + 4 + 2 + 3);
        b.putShort(apiKey).putShort(version).putInt(1).putShort((short) 3).put("raw".getBytes(StandardCharsets.UTF_8));
        return b.array();
    }

    private static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }
}
