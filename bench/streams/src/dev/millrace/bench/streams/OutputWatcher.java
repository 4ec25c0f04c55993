package dev.millrace.bench.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Reads an app's output topic from the beginning (assign, no group) until it is complete; returns that moment. */
final class OutputWatcher implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** How far the output got: records read (stateless) or the sum of the latest counts (windowed). */
    private long progress;

    OutputWatcher(String bootstrap, String topic, int partitions) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "auto.offset.reset", "earliest",
                "fetch.max.wait.ms", 50), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) tps.add(new TopicPartition(topic, p));
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
    }

    /** Stateless: complete when {@code expected} records have arrived (at-least-once may add duplicates, never fewer). */
    long awaitCount(long expected, long timeoutMs, BooleanSupplier appAlive) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        long seen = 0;
        while (System.currentTimeMillis() < deadline && appAlive.getAsBoolean()) {
            seen += consumer.poll(Duration.ofMillis(100)).count();
            progress = seen;
            if (seen >= expected) return System.currentTimeMillis();
        }
        return -1;
    }

    /**
     * Windowed count: complete when the latest count of every window key sums to {@code expected}, i.e. every input
     * record is counted in the output (the record cache may forward only some of a window's updates).
     */
    long awaitCountSum(long expected, long timeoutMs, BooleanSupplier appAlive) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        Map<Bytes, Long> latest = new HashMap<>();
        long sum = 0;
        while (System.currentTimeMillis() < deadline && appAlive.getAsBoolean()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                long count = r.value() == null ? 0 : ByteBuffer.wrap(r.value()).getLong();
                Long before = latest.put(Bytes.wrap(r.key()), count);
                sum += count - (before == null ? 0 : before);
            }
            progress = sum;
            if (sum == expected) return System.currentTimeMillis();
        }
        return -1;
    }

    long progress() {
        return progress;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
