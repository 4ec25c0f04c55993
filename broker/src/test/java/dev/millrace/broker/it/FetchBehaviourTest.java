package dev.millrace.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offsets by time and the long-poll fetch, seen through the Java client. */
class FetchBehaviourTest {
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
    void listOffsetsFindsRecordsByTimestampAndTheSpecialOffsets() throws Exception {
        TopicPartition tp = new TopicPartition("by-time", 0);
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(tp.topic(), 1, (short) 1))).all().get();
            long base = System.currentTimeMillis() - 100_000;
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
                for (int i = 0; i < 100; i++) {
                    // Timestamps rise by 1 s per record, except record 50, which carries the maximum.
                    long ts = i == 50 ? base + 500_000 : base + i * 1000L;
                    producer.send(new ProducerRecord<>(tp.topic(), 0, ts, null, ("r" + i).getBytes(StandardCharsets.UTF_8))).get();
                }
            }
            assertEquals(0, offset(admin, tp, OffsetSpec.earliest()).offset());
            assertEquals(100, offset(admin, tp, OffsetSpec.latest()).offset());
            ListOffsetsResult.ListOffsetsResultInfo max = offset(admin, tp, OffsetSpec.maxTimestamp());
            assertEquals(50, max.offset());
            assertEquals(base + 500_000, max.timestamp());
            assertEquals(30, offset(admin, tp, OffsetSpec.forTimestamp(base + 29_500)).offset());
            assertEquals(-1, offset(admin, tp, OffsetSpec.forTimestamp(base + 600_000)).offset(), "no record that late");

            try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
                OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(tp, base + 40_000)).get(tp);
                assertEquals(40, found.offset());
                assertEquals(base + 40_000, found.timestamp());
                // The first offset whose timestamp is at or after the target: record 50 carries a later
                // timestamp than records 51-99, so it answers for any time between them.
                found = consumer.offsetsForTimes(Map.of(tp, base + 70_000)).get(tp);
                assertEquals(50, found.offset());
                assertEquals(base + 500_000, found.timestamp());
            }
        }
    }

    @Test
    void aParkedFetchIsWokenByAProduceNotByItsTimeout() throws Exception {
        TopicPartition tp = new TopicPartition("long-poll", 0);
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(tp.topic(), 1, (short) 1))).all().get();
        }
        // The consumer waits up to 30 s per fetch; only an append can answer it sooner.
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of("fetch.max.wait.ms", 30_000));
             KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            assertEquals(0, consumer.poll(Duration.ofMillis(1500)).count(), "nothing there yet; a fetch is now parked");
            CompletableFuture.runAsync(() -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(300);
                    producer.send(new ProducerRecord<>(tp.topic(), "wake".getBytes(StandardCharsets.UTF_8))).get();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            long startedAt = System.nanoTime();
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(20));
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
            assertEquals(1, records.count());
            assertTrue(waitedMs < 15_000, "answered by the append, not by fetch.max.wait.ms (waited " + waitedMs + " ms)");
            // The consumer has already sent its next fetch, which now waits out its 30 s; a client's close
            // queues behind it on that connection (so with Kafka too), hence the short close timeout.
            consumer.close(CloseOptions.timeout(Duration.ofMillis(100)));
        }
    }

    @Test
    void aParkedFetchAnswersOnlyOnceItsMinBytesHaveBeenAppended() throws Exception {
        TopicPartition tp = new TopicPartition("min-bytes", 0);
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(tp.topic(), 1, (short) 1))).all().get();
        }
        byte[] value = new byte[100];
        // Each record goes alone in a batch of about 170 bytes: ten are well below 4,000 bytes, forty above.
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of("fetch.max.wait.ms", 30_000,
                "fetch.min.bytes", 4_000));
             KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of("linger.ms", 0))) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            assertEquals(0, consumer.poll(Duration.ofMillis(1500)).count(), "nothing there yet; a fetch is now parked");
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(tp.topic(), value)).get();
            }
            assertEquals(0, consumer.poll(Duration.ofMillis(1500)).count(),
                    "ten small appends hold fewer bytes than fetch.min.bytes: the fetch stays parked");
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>(tp.topic(), value)).get();
            }
            long startedAt = System.nanoTime();
            int received = consumer.poll(Duration.ofSeconds(20)).count();
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
            assertTrue(waitedMs < 15_000, "answered once enough bytes were appended, not by fetch.max.wait.ms (waited "
                    + waitedMs + " ms)");
            // The fetch completed at the append that brought it to 4,000 bytes (some 24 batches) or later; the
            // consumer's next fetch for the rest waits again for 4,000 bytes.
            assertTrue(received >= 20 && received <= 40, received + " records in the answer");
            consumer.close(CloseOptions.timeout(Duration.ofMillis(100)));
        }
    }

    private static ListOffsetsResult.ListOffsetsResultInfo offset(Admin admin, TopicPartition tp, OffsetSpec spec) throws Exception {
        return admin.listOffsets(Map.of(tp, spec)).partitionResult(tp).get();
    }
}
