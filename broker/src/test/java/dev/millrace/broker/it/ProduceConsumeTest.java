package dev.millrace.broker.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official Java client produces and consumes through the broker, records coming back exactly. */
class ProduceConsumeTest {
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

    private static void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    /** Reads every record of the given partitions from the beginning until {@code expected} have arrived. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int partitions, int expected) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of("max.partition.fetch.bytes", 2 * 1024 * 1024))) {
            List<TopicPartition> tps = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void idempotentProducerRecordsWithKeysAndHeadersAreReadBackExactly() throws Exception {
        String topic = "hundred-thousand";
        int partitions = 6;
        int count = 100_000;
        createTopic(topic, partitions);
        Map<String, RecordMetadata> sent = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            List<Future<RecordMetadata>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                List<Header> headers = List.of(new RecordHeader("seq", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
                futures.add(producer.send(new ProducerRecord<>(topic, null, key(i), value(i), headers)));
            }
            for (int i = 0; i < count; i++) {
                sent.put("k" + i, futures.get(i).get());
            }
        }
        List<ConsumerRecord<byte[], byte[]>> received = readAll(topic, partitions, count);
        assertEquals(count, received.size(), "every acknowledged record is read back once");
        Map<Integer, Long> lastOffset = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : received) {
            String k = new String(r.key(), StandardCharsets.UTF_8);
            int i = Integer.parseInt(k.substring(1));
            RecordMetadata meta = sent.get(k);
            assertEquals(meta.partition(), r.partition(), "partition of " + k);
            assertEquals(meta.offset(), r.offset(), "offset of " + k);
            assertArrayEquals(value(i), r.value());
            assertArrayEquals(Integer.toString(i).getBytes(StandardCharsets.UTF_8), r.headers().lastHeader("seq").value());
            Long previous = lastOffset.put(r.partition(), r.offset());
            assertTrue(previous == null || previous < r.offset(), "offsets increase within a partition");
        }
        Set<Integer> used = received.stream().map(ConsumerRecord::partition).collect(Collectors.toSet());
        assertEquals(partitions, used.size(), "keys spread over every partition");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void everyCompressionCodecRoundTrips(String codec) throws Exception {
        String topic = "codec-" + codec;
        createTopic(topic, 2);
        int count = 5_000;
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec,
                ProducerConfig.LINGER_MS_CONFIG, 5))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, key(i), value(i)));
            }
            producer.flush();
        }
        List<ConsumerRecord<byte[], byte[]>> received = readAll(topic, 2, count);
        assertEquals(count, received.size());
        Map<String, byte[]> byKey = received.stream().collect(Collectors.toMap(r -> new String(r.key(), StandardCharsets.UTF_8), ConsumerRecord::value));
        for (int i = 0; i < count; i++) {
            assertArrayEquals(value(i), byKey.get("k" + i), "value of k" + i);
        }
    }

    @Test
    void nullKeysNullValuesEmptyValuesAndOneMegabyteValuesSurvive() throws Exception {
        String topic = "edge-values";
        createTopic(topic, 1);
        byte[] big = new byte[1024 * 1024 - 200];
        Arrays.fill(big, (byte) 7);
        big[big.length - 1] = 9;
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, null, "no-key".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topic, "tombstone".getBytes(StandardCharsets.UTF_8), null)).get();
            producer.send(new ProducerRecord<>(topic, "empty".getBytes(StandardCharsets.UTF_8), new byte[0])).get();
            producer.send(new ProducerRecord<>(topic, "big".getBytes(StandardCharsets.UTF_8), big)).get();
        }
        List<ConsumerRecord<byte[], byte[]>> r = readAll(topic, 1, 4);
        assertEquals(4, r.size());
        assertNull(r.get(0).key());
        assertArrayEquals("no-key".getBytes(StandardCharsets.UTF_8), r.get(0).value());
        assertNull(r.get(1).value());
        assertEquals(0, r.get(2).value().length);
        assertArrayEquals(big, r.get(3).value());
    }

    static byte[] key(int i) {
        return ("k" + i).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(int i) {
        return ("value-" + i + "-" + "x".repeat(i % 50)).getBytes(StandardCharsets.UTF_8);
    }
}
