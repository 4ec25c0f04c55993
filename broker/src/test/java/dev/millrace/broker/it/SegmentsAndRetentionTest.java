package dev.millrace.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/** Segments roll by size, lookups are exact at their boundaries, and retention deletes whole old segments. */
class SegmentsAndRetentionTest {
    static final int SEGMENT_BYTES = 1024 * 1024;
    static final int VALUE_BYTES = 10_000;

    @TempDir
    static Path dir;
    static BrokerHarness broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new BrokerHarness(dir, Map.of("log.retention.check.interval.ms", "300"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void segmentsRollBySizeAndReadsAreExactAtEveryBoundary() throws Exception {
        String topic = "rolling";
        create(topic, Map.of("segment.bytes", Integer.toString(SEGMENT_BYTES)));
        long base = System.currentTimeMillis() - 1_000_000;
        produce(topic, 500, base);
        List<Long> bases = segmentBaseOffsets(topic);
        assertTrue(bases.size() >= 4, "5 MB in 1 MB segments rolls at least 4 times: " + bases);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of("max.poll.records", 1))) {
            consumer.assign(List.of(tp));
            for (long boundary : bases.subList(1, bases.size())) {
                for (long offset : new long[] {boundary - 1, boundary}) {
                    consumer.seek(tp, offset);
                    ConsumerRecord<byte[], byte[]> r = firstRecord(consumer);
                    assertEquals(offset, r.offset(), "seek to " + offset);
                    assertEquals(base + offset, r.timestamp());
                }
                long found = consumer.offsetsForTimes(Map.of(tp, base + boundary)).get(tp).offset();
                assertEquals(boundary, found, "time lookup at the boundary " + boundary);
                found = consumer.offsetsForTimes(Map.of(tp, base + boundary - 1)).get(tp).offset();
                assertEquals(boundary - 1, found, "time lookup just before the boundary " + boundary);
            }
        }
    }

    @Test
    void retentionByTimeDeletesEveryExpiredSegmentRollingTheActiveOneFirst() throws Exception {
        String topic = "expiring";
        create(topic, Map.of("segment.bytes", Integer.toString(SEGMENT_BYTES), "retention.ms", "60000"));
        // Records an hour old fill several segments, all past retention at once. As in Kafka, the expired
        // active segment goes too, after a new empty one is rolled: the log keeps its end offset.
        produce(topic, 300, System.currentTimeMillis() - 3_600_000);
        List<Long> remaining = waitFor(() -> segmentBaseOffsets(topic), bases -> bases.equals(List.of(300L)));
        assertEquals(300, earliestOffset(topic));
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            long next = producer.send(new ProducerRecord<>(topic, 0, null, "fresh".getBytes(StandardCharsets.UTF_8))).get().offset();
            assertEquals(remaining.get(0).longValue(), next, "offsets continue after retention emptied the log");
        }
    }

    @Test
    void retentionByBytesKeepsTheNewestSegmentsWithinTheLimit() throws Exception {
        String topic = "bounded";
        create(topic, Map.of("segment.bytes", Integer.toString(SEGMENT_BYTES), "retention.bytes", Integer.toString(2 * SEGMENT_BYTES)));
        produce(topic, 600, System.currentTimeMillis());
        long total = waitFor(() -> totalLogBytes(topic), bytes -> bytes <= 3L * SEGMENT_BYTES);
        assertTrue(total >= SEGMENT_BYTES, "the newest segments stay: " + total);
        assertTrue(earliestOffset(topic) > 0);
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls until retention, which runs in the background, has brought the log to the expected state. */
    private static <T> T waitFor(Probe<T> probe, java.util.function.Predicate<T> done) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        T value = probe.get();
        while (!done.test(value)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("retention did not reach the expected state; last seen: " + value);
            }
            Thread.sleep(100);
            value = probe.get();
        }
        return value;
    }

    private static long totalLogBytes(String topic) throws IOException {
        long total = 0;
        for (Path p : segmentFiles(topic)) {
            total += Files.size(p);
        }
        return total;
    }

    private static long earliestOffset(String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            return consumer.beginningOffsets(List.of(tp)).get(tp);
        }
    }

    private static void create(String topic, Map<String, String> configs) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs))).all().get();
        }
    }

    /** Record i gets timestamp base + i, so offsets and timestamps line up. */
    private static void produce(String topic, int count, long base) throws Exception {
        byte[] value = new byte[VALUE_BYTES];
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of("batch.size", 16_384, "linger.ms", 0))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, 0, base + i, ("k" + i).getBytes(StandardCharsets.UTF_8), value)).get();
            }
        }
    }

    private static ConsumerRecord<byte[], byte[]> firstRecord(KafkaConsumer<byte[], byte[]> consumer) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                return r;
            }
        }
        throw new AssertionError("no record within 10 s");
    }

    private static List<Path> segmentFiles(String topic) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(topic + "-0"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    private static List<Long> segmentBaseOffsets(String topic) throws IOException {
        return segmentFiles(topic).stream()
                .map(p -> Long.parseLong(p.getFileName().toString().replace(".log", "")))
                .sorted().toList();
    }
}
