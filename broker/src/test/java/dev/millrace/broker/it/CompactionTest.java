package dev.millrace.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compacted topic on the real broker, written and read with kafka-clients: after the background cleaner
 * has run, a consumer reading from the beginning sees exactly the latest value of each key, and the
 * tombstones are gone once delete.retention.ms has passed since the clean that first kept them.
 */
class CompactionTest {
    static final int RECORDS = 200_000;
    static final int KEYS = 1_000;

    @TempDir
    static Path dir;
    static BrokerHarness broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new BrokerHarness(dir, Map.of("log.cleaner.backoff.ms", "200"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aConsumerSeesExactlyTheLatestValuePerKeyAndNoOldTombstones() throws Exception {
        String topic = "compacted";
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of(
                    "cleanup.policy", "compact",
                    "segment.bytes", Integer.toString(1024 * 1024),
                    "min.cleanable.dirty.ratio", "0.01",
                    "delete.retention.ms", "1000",
                    "segment.ms", "1000")))).all().get();
        }
        Map<String, String> latest = new LinkedHashMap<>();
        Random random = new Random(4);
        TopicPartition tp = new TopicPartition(topic, 0);
        long lastMainOffset;
        long lastOffset = -1;
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of("linger.ms", 5))) {
            for (int i = 0; i < RECORDS; i++) {
                String key = "key-" + random.nextInt(KEYS);
                String value = random.nextInt(10) == 0 ? null : key + "-value-" + i + "-" + "p".repeat(random.nextInt(40));
                latest.put(key, value);
                producer.send(new ProducerRecord<>(topic, 0, bytes(key), bytes(value)));
            }
            producer.flush();
            lastMainOffset = RECORDS - 1;
            // the cleaner never touches the active segment: one more record after segment.ms rolls it,
            // so every record above ends up in the cleanable part of the log. It must be the only sentinel:
            // an earlier one that did not roll would stay in the cleanable part beside the one in the active
            // segment (as in Kafka), so wait out segment.ms (1 s, no jitter) before each.
            int sentinel = 0;
            while (segmentBases(topic).stream().noneMatch(base -> base > lastMainOffset)) {
                Thread.sleep(1_200);
                String value = "end-" + sentinel++;
                lastOffset = producer.send(new ProducerRecord<>(topic, 0, bytes("sentinel"), bytes(value))).get().offset();
                latest.put("sentinel", value);
            }
        }
        Map<String, String> expected = new HashMap<>();
        latest.forEach((k, v) -> {
            if (v != null) {
                expected.put(k, v);
            }
        });
        long tombstoneKeys = latest.values().stream().filter(v -> v == null).count();
        assertTrue(tombstoneKeys > 0, "some keys end deleted");

        long started = System.nanoTime();
        long deadline = started + 120_000_000_000L;
        List<ConsumerRecord<byte[], byte[]>> seen;
        while (true) {
            seen = readAll(tp);
            if (isCompacted(seen) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(250);
        }
        System.out.printf("The broker's cleaner compacted %d records over %d keys to %d within %d ms of the last write%n",
                RECORDS, KEYS, seen.size(), (System.nanoTime() - started) / 1_000_000);
        Map<String, String> read = new HashMap<>();
        List<Long> offsets = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : seen) {
            assertTrue(r.value() != null, "no tombstone is left: key " + string(r.key()) + " at " + r.offset());
            assertEquals(null, read.put(string(r.key()), string(r.value())), "one record per key: " + string(r.key()));
            offsets.add(r.offset());
        }
        assertEquals(expected, read);
        assertEquals(offsets.stream().sorted().toList(), offsets, "offsets only go up");
        assertEquals(lastOffset, offsets.get(offsets.size() - 1).longValue(), "the last record keeps its offset");
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            assertEquals(lastOffset + 1, consumer.endOffsets(List.of(tp)).get(tp).longValue(), "the log end does not move");
        }
    }

    /** Every key at most once, no tombstones. */
    private static boolean isCompacted(List<ConsumerRecord<byte[], byte[]>> records) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.value() == null || !keys.add(string(r.key()))) {
                return false;
            }
        }
        return true;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(TopicPartition tp) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of("max.poll.records", 5000))) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static List<Long> segmentBases(String topic) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(topic + "-0"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
                    .map(n -> Long.parseLong(n.substring(0, n.length() - 4))).toList();
        }
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
