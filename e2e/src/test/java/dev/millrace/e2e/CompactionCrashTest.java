package dev.millrace.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log compaction survives kill -9 in the middle of a clean, on the real distribution: 200,000 records over
 * 1,000 keys (updates and about 10% tombstones) are written in rounds; after each round the broker is
 * killed the moment the cleaner's {@code .cleaned} (or {@code .swap}) files show up in the partition
 * directory, i.e. while a clean is writing or swapping, and restarted. After the last restart and a final
 * clean, a consumer reading from the beginning sees exactly the latest acknowledged value of every live
 * key at the offset it was acknowledged at, no deleted key, increasing offsets and an unchanged log end;
 * no cleaner leftovers remain.
 */
class CompactionCrashTest {
    static final String TOPIC = "compacted";
    static final int RECORDS = 200_000;
    static final int KEYS = 1_000;
    static final int ROUNDS = 5;
    static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    @TempDir
    Path tmp;

    /** The latest acknowledged write of a key: its offset and value (null for a tombstone). */
    record Write(long offset, String value) {
    }

    @Test
    void aKillNineDuringCleaningLosesNothing() throws Exception {
        long testStart = System.nanoTime();
        Path data = tmp.resolve("data");
        Path partitionDir = data.resolve(TOPIC + "-0");
        Map<String, Write> latest = new HashMap<>();
        AtomicLong lastAcked = new AtomicLong(-1);
        Random random = new Random(9);
        int killsMidClean = 0;
        int swapsCompletedOnLoad = 0;
        int cleansCompleted = 0;
        List<String> killNotes = new ArrayList<>();
        try (MillraceProcess broker = new MillraceProcess(data, List.of("log.cleaner.backoff.ms=50")).start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of(
                        "cleanup.policy", "compact",
                        "segment.bytes", Integer.toString(1024 * 1024),
                        "min.cleanable.dirty.ratio", "0.01",
                        "delete.retention.ms", "1000",
                        "segment.ms", "1000")))).all().get();
            }
            int written = 0;
            for (int round = 0; round < ROUNDS; round++) {
                int upTo = RECORDS * (round + 1) / ROUNDS;
                long lastMain = produce(broker.bootstrap(), written, upTo, random, latest, lastAcked);
                written = upTo;
                rollPastOffset(broker.bootstrap(), partitionDir, lastMain, latest, lastAcked);

                // kill as soon as the cleaner has files in flight; odd rounds wait a little more, so the
                // kills land at different points of a clean (writing a group, swapping, between groups)
                boolean inFlight = awaitCleanerFiles(partitionDir, Duration.ofSeconds(15));
                if (inFlight && round % 2 == 1) {
                    Thread.sleep(random.nextInt(40));
                }
                broker.kill9();
                List<String> leftovers = cleanerFiles(partitionDir);
                String log = broker.log();
                cleansCompleted += count(log, "Cleaned " + TOPIC + "-0");
                if (!leftovers.isEmpty()) {
                    killsMidClean++;
                }
                killNotes.add("round " + round + ": " + (leftovers.isEmpty() ? "no clean in flight" : "mid-clean " + leftovers));

                broker.start();
                swapsCompletedOnLoad += count(broker.log(), "Completed an interrupted cleaner swap of " + TOPIC + "-0");
                if (round == ROUNDS - 1) {
                    // one more: a kill soon after restart, when the clean the last kill cut short starts again
                    boolean again = awaitCleanerFiles(partitionDir, Duration.ofSeconds(10));
                    broker.kill9();
                    List<String> left = cleanerFiles(partitionDir);
                    cleansCompleted += count(broker.log(), "Cleaned " + TOPIC + "-0");
                    if (again && !left.isEmpty()) {
                        killsMidClean++;
                    }
                    killNotes.add("after restart: " + (left.isEmpty() ? "no clean in flight" : "mid-clean " + left));
                    broker.start();
                    swapsCompletedOnLoad += count(broker.log(), "Completed an interrupted cleaner swap of " + TOPIC + "-0");
                }
            }
            System.out.println("CompactionCrashTest kills: " + killNotes);
            assertTrue(killsMidClean >= 1, "at least one kill landed while the cleaner had files in flight: " + killNotes);

            Map<String, Write> expected = new HashMap<>();
            latest.forEach((k, w) -> {
                if (w.value() != null) {
                    expected.put(k, w);
                }
            });
            long deletedKeys = latest.values().stream().filter(w -> w.value() == null).count();
            assertTrue(deletedKeys > 0, "some keys end deleted");

            // the final clean, and the one after delete.retention.ms that drops the tombstones
            long finalStart = System.nanoTime();
            long deadline = finalStart + Duration.ofSeconds(30).toNanos();
            List<ConsumerRecord<String, String>> seen;
            while (true) {
                seen = readAll(broker.bootstrap());
                if (isCompacted(seen) || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(250);
            }
            cleansCompleted += count(broker.log(), "Cleaned " + TOPIC + "-0");
            long finalWaitMs = (System.nanoTime() - finalStart) / 1_000_000;

            Map<String, Write> read = new HashMap<>();
            long previous = -1;
            for (ConsumerRecord<String, String> r : seen) {
                assertTrue(r.offset() > previous, "offsets only go up: " + r.offset() + " after " + previous);
                previous = r.offset();
                assertNotNull(r.value(), "no tombstone is left: key " + r.key() + " at " + r.offset());
                Write before = read.put(r.key(), new Write(r.offset(), r.value()));
                assertEquals(null, before, "one record per key: " + r.key() + " at " + r.offset());
            }
            Set<String> lost = new HashSet<>(expected.keySet());
            lost.removeAll(read.keySet());
            Set<String> resurrected = new HashSet<>(read.keySet());
            resurrected.removeAll(expected.keySet());
            assertTrue(lost.isEmpty(), lost.size() + " live keys lost, e.g. " + lost.stream().limit(5).toList());
            assertTrue(resurrected.isEmpty(), resurrected.size() + " deleted keys came back, e.g. "
                    + resurrected.stream().limit(5).map(k -> k + "=" + read.get(k)).toList());
            assertEquals(expected, read, "every live key has its latest acknowledged value at its acknowledged offset");
            try (KafkaConsumer<String, String> consumer = consumer(broker.bootstrap())) {
                assertEquals(lastAcked.get() + 1, consumer.endOffsets(List.of(TP)).get(TP).longValue(),
                        "the log end is just past the last acknowledged offset");
            }

            assertEquals(143, broker.stop(), "SIGTERM ends the JVM through its shutdown hook");
            assertEquals(List.of(), cleanerFiles(partitionDir), "no .cleaned or .swap file is left");
            System.out.printf("CompactionCrashTest: %d records over %d keys, %d kills (%d mid-clean), %d swap(s) completed "
                            + "on load, %d clean(s) completed, %d records left (final clean awaited %d ms), in %d ms%n", lastAcked.get() + 1, KEYS,
                    killNotes.size(), killsMidClean, swapsCompletedOnLoad, cleansCompleted, seen.size(), finalWaitMs,
                    (System.nanoTime() - testStart) / 1_000_000);
        }
    }

    /** Writes records [from, to) and returns the offset of the last; every send must be acknowledged. */
    private static long produce(String bootstrap, int from, int to, Random random, Map<String, Write> latest,
                                AtomicLong lastAcked) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong last = new AtomicLong(-1);
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (int i = from; i < to; i++) {
                String key = "key-" + random.nextInt(KEYS);
                String value = random.nextInt(10) == 0 ? null : key + "-value-" + i + "-" + "p".repeat(random.nextInt(40));
                producer.send(new ProducerRecord<>(TOPIC, 0, key, value), (meta, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                        return;
                    }
                    acknowledged(latest, lastAcked, key, meta.offset(), value);
                    last.accumulateAndGet(meta.offset(), Math::max);
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new AssertionError("a send to the running broker failed", failure.get());
        }
        return last.get();
    }

    /**
     * The cleaner never touches the active segment: sentinel writes after segment.ms roll it past
     * {@code offset}. Each sentinel has its own key, because the last one stays in the active segment and
     * the map of a clean ends there: a key written on both sides of that bound keeps both records.
     */
    private static void rollPastOffset(String bootstrap, Path partitionDir, long offset, Map<String, Write> latest,
                                       AtomicLong lastAcked) throws Exception {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (int n = 0; segmentBases(partitionDir).stream().noneMatch(base -> base > offset); n++) {
                Thread.sleep(200);
                String key = "sentinel-" + offset + "-" + n;
                long at = producer.send(new ProducerRecord<>(TOPIC, 0, key, "end")).get().offset();
                acknowledged(latest, lastAcked, key, at, "end");
            }
        }
    }

    private static void acknowledged(Map<String, Write> latest, AtomicLong lastAcked, String key, long offset, String value) {
        synchronized (latest) {
            Write w = latest.get(key);
            if (w == null || w.offset() < offset) {
                latest.put(key, new Write(offset, value));
            }
        }
        lastAcked.accumulateAndGet(offset, Math::max);
    }

    /** Polls the partition directory until a clean has files in flight; false if none appeared in time. */
    private static boolean awaitCleanerFiles(Path partitionDir, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!cleanerFiles(partitionDir).isEmpty()) {
                return true;
            }
            Thread.sleep(1);
        }
        return false;
    }

    /** Files a clean in progress leaves: {@code *.cleaned} while written, {@code *.swap} while swapped in. */
    private static List<String> cleanerFiles(Path partitionDir) {
        try (Stream<Path> files = Files.list(partitionDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".cleaned") || n.endsWith(".swap")).sorted().toList();
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Long> segmentBases(Path partitionDir) throws IOException {
        try (Stream<Path> files = Files.list(partitionDir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
                    .map(n -> Long.parseLong(n.substring(0, n.length() - 4))).toList();
        }
    }

    /** Every key at most once, no tombstones. */
    private static boolean isCompacted(List<ConsumerRecord<String, String>> records) {
        Set<String> keys = new HashSet<>();
        for (ConsumerRecord<String, String> r : records) {
            if (r.value() == null || !keys.add(r.key())) {
                return false;
            }
        }
        return true;
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrap) {
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            consumer.assign(List.of(TP));
            consumer.seekToBeginning(List.of(TP));
            long end = consumer.endOffsets(List.of(TP)).get(TP);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(TP) < end) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read up to the log end " + end + "; stuck at " + consumer.position(TP));
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "max.partition.fetch.bytes", 4 << 20,
                "max.poll.records", 5000), new StringDeserializer(), new StringDeserializer());
    }
}
