package dev.millrace.bench.cdc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a one-partition change topic from its start on its own thread, counting records and, when asked, the lag
 * of each: the wall-clock moment the record is consumed minus the commit time PostgreSQL gave its transaction
 * ({@code source.ts_ms} in the event, the same field for both implementations).
 */
final class TopicWatcher implements AutoCloseable {
    private static final byte[] SOURCE = "\"source\":{".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TS_MS = "\"ts_ms\":".getBytes(StandardCharsets.UTF_8);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final boolean measureLag;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long count;
    private volatile long firstMs;
    private volatile long lastMs;
    private long[] lags = new long[1 << 16];
    private int lagCount;
    private volatile Throwable failure;

    TopicWatcher(String bootstrap, String topic, boolean measureLag) {
        this.measureLag = measureLag;
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "enable.auto.commit", "false",
                "max.poll.records", "5000"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        TopicPartition tp = new TopicPartition(topic, 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        thread = new Thread(this::run, "watch-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    if (r.value() == null) {
                        continue; // a tombstone: not a change of its own
                    }
                    if (count == 0) {
                        firstMs = now;
                    }
                    lastMs = now;
                    if (measureLag) {
                        long committed = commitMs(r.value());
                        if (committed > 0) {
                            synchronized (this) {
                                if (lagCount == lags.length) {
                                    lags = Arrays.copyOf(lags, lags.length * 2);
                                }
                                lags[lagCount++] = now - committed;
                            }
                        }
                    }
                    count = count + 1;
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                failure = e;
            }
        } finally {
            consumer.close();
        }
    }

    /** {@code source.ts_ms} of a JSON change event, or -1. */
    static long commitMs(byte[] json) {
        int source = indexOf(json, SOURCE, 0);
        int ts = source < 0 ? -1 : indexOf(json, TS_MS, source);
        if (ts < 0) {
            return -1;
        }
        long v = 0;
        for (int i = ts + TS_MS.length; i < json.length && json[i] >= '0' && json[i] <= '9'; i++) {
            v = v * 10 + (json[i] - '0');
        }
        return v;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    long count() {
        check();
        return count;
    }

    long firstMs() {
        return firstMs;
    }

    long lastMs() {
        return lastMs;
    }

    /** Waits until {@code n} records were read; false on timeout. */
    boolean awaitCount(long n, long timeoutMs, Runnable whileWaiting) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (count() < n) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            whileWaiting.run();
            Thread.sleep(20);
        }
        return true;
    }

    /** Lags (ms) of the records read after {@code skip} first ones, sorted. */
    synchronized long[] sortedLags(int skip) {
        long[] out = Arrays.copyOfRange(lags, Math.min(skip, lagCount), lagCount);
        Arrays.sort(out);
        return out;
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException("consumer failed: " + failure, failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
