package dev.millrace.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of durability, tested on the real distribution: every record acknowledged with acks=1 or
 * acks=all survives kill -9, and a torn tail left by a crash is cut off at the last valid batch on restart.
 */
class CrashRecoveryTest {
    static final String TOPIC = "durable";
    static final int PARTITIONS = 3;

    @TempDir
    Path tmp;

    @Test
    void acknowledgedRecordsSurviveKillNineAndATornTail() throws Exception {
        Path data = tmp.resolve("data");
        Map<String, String> acked = new ConcurrentHashMap<>();
        try (MillraceProcess broker = new MillraceProcess(data, List.of()).start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            }
            // Two producers (acks=1 and the default acks=all) write until the broker is killed under them.
            AtomicBoolean stop = new AtomicBoolean();
            Thread acks1 = writer(broker.bootstrap(), "1", acked, stop);
            Thread acksAll = writer(broker.bootstrap(), "all", acked, stop);
            while (acked.size() < 20_000) {
                Thread.sleep(50);
            }
            broker.kill9();
            stop.set(true);
            acks1.join();
            acksAll.join();

            broker.start();
            assertAllPresent(broker.bootstrap(), acked);

            // A crash in the middle of a write leaves part of a batch behind; simulate it on partition 0.
            broker.kill9();
            Path segment = lastSegment(data.resolve(TOPIC + "-0"));
            long validSize = Files.size(segment);
            tearTail(segment);
            assertTrue(Files.size(segment) > validSize);

            broker.start();
            assertAllPresent(broker.bootstrap(), acked);
            assertEquals(validSize, Files.size(segment), "the torn tail was truncated at the last valid batch");
            long nextOffset = endOffset(broker.bootstrap(), 0);
            try (KafkaProducer<String, String> producer = producer(broker.bootstrap(), "all")) {
                RecordMetadata m = producer.send(new ProducerRecord<>(TOPIC, 0, "after", "after-recovery")).get();
                assertEquals(nextOffset, m.offset(), "appends continue right after the recovered end");
            }
            assertEquals(143, broker.stop(), "SIGTERM ends the JVM through its shutdown hook");
            assertTrue(broker.log().contains("Shut down cleanly"), broker.log());

            // The clean-shutdown marker spares the next start the recovery pass, and nothing is lost.
            broker.start();
            assertFalse(broker.log().contains("logs will be recovered"), broker.log());
            acked.put("0@" + nextOffset, "after-recovery");
            assertAllPresent(broker.bootstrap(), acked);
        }
    }

    private static Thread writer(String bootstrap, String acks, Map<String, String> acked, AtomicBoolean stop) {
        Thread t = new Thread(() -> {
            try (KafkaProducer<String, String> producer = producer(bootstrap, acks)) {
                for (int i = 0; !stop.get(); i++) {
                    String value = acks + "-" + i;
                    producer.send(new ProducerRecord<>(TOPIC, value, value), (meta, error) -> {
                        if (error == null) {
                            acked.put(meta.partition() + "@" + meta.offset(), value);
                        }
                    });
                    if (i % 500 == 0) {
                        Thread.sleep(5);
                    }
                }
            } catch (Exception expectedWhenKilled) {
                // The broker dies under this producer; only acknowledged records count.
            }
        }, "writer-acks-" + acks);
        t.start();
        return t;
    }

    private static KafkaProducer<String, String> producer(String bootstrap, String acks) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, ProducerConfig.ACKS_CONFIG, acks,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, acks.equals("all"),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000, ProducerConfig.LINGER_MS_CONFIG, 2),
                new StringSerializer(), new StringSerializer());
    }

    private static void assertAllPresent(String bootstrap, Map<String, String> acked) {
        Map<String, String> found = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            List<TopicPartition> tps = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    found.put(r.partition() + "@" + r.offset(), r.value());
                }
            }
        }
        int missing = 0;
        for (Map.Entry<String, String> e : acked.entrySet()) {
            if (!e.getValue().equals(found.get(e.getKey()))) {
                missing++;
            }
        }
        assertEquals(0, missing, missing + " of " + acked.size() + " acknowledged records are missing or different");
    }

    private static long endOffset(String bootstrap, int partition) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            TopicPartition tp = new TopicPartition(TOPIC, partition);
            return consumer.endOffsets(List.of(tp)).get(tp);
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "max.partition.fetch.bytes", 4 << 20),
                new StringDeserializer(), new StringDeserializer());
    }

    private static Path lastSegment(Path partitionDir) throws IOException {
        try (Stream<Path> files = Files.list(partitionDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
        }
    }

    /** Appends the first part of a plausible batch followed by garbage, as a write cut short would. */
    private static void tearTail(Path segment) throws IOException {
        ByteBuffer partial = ByteBuffer.allocate(300);
        partial.putLong(Long.MAX_VALUE / 2).putInt(500).putInt(0).put((byte) 2);
        byte[] junk = new byte[partial.remaining()];
        new Random(7).nextBytes(junk);
        partial.put(junk).flip();
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(partial);
        }
    }
}
