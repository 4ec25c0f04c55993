package dev.millrace.connect.postgres;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.millrace.connect.json.JsonConverter;
import dev.millrace.connect.source.OffsetStorageReader;
import dev.millrace.connect.source.SourceRecord;
import dev.millrace.connect.source.SourceTaskContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs a {@link PostgresConnectorTask} the way a Connect worker does, for tests: poll, convert with the runtime's
 * JsonConverter (schemas enabled), send with kafka-clients' producer, call {@code commitRecord} when the broker
 * acknowledges, and store the offset of the last record whose predecessors were all acknowledged in a file
 * (written atomically), then call {@code commit()}. {@link #main} runs it as its own process for kill -9 tests.
 */
final class TaskRunner implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PostgresConnectorTask task = new PostgresConnectorTask();
    private final KafkaProducer<byte[], byte[]> producer;
    private final JsonConverter keys = new JsonConverter();
    private final JsonConverter values = new JsonConverter();
    private final Path offsetFile;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<Map<String, Object>> progress = new AtomicReference<>(Map.of());
    private final AtomicLong sent = new AtomicLong();
    /** Records in send order with their acknowledged flag; the acknowledged prefix's last offset is stored. */
    private final ArrayDeque<Sent> inFlight = new ArrayDeque<>();
    private volatile boolean holdAcks;
    private final long stopAfterRecords;
    private final ArrayDeque<Runnable> heldAcks = new ArrayDeque<>();

    private static final class Sent {
        final SourceRecord record;
        volatile boolean acked;

        Sent(SourceRecord record) {
            this.record = record;
        }
    }

    TaskRunner(String bootstrap, Map<String, String> config, Path offsetFile) {
        this(bootstrap, config, offsetFile, Long.MAX_VALUE);
    }

    /**
     * A runner that stops polling once {@code stopAfterRecords} records were sent, as a worker that dies there
     * would, except that the offsets of what the broker acknowledged are stored first.
     */
    TaskRunner(String bootstrap, Map<String, String> config, Path offsetFile, long stopAfterRecords) {
        this(bootstrap, config, offsetFile, stopAfterRecords, true);
    }

    /** {@code schemas}: JSON with embedded schemas (as Connect's default) or the bare payload (cheaper). */
    TaskRunner(String bootstrap, Map<String, String> config, Path offsetFile, long stopAfterRecords, boolean schemas) {
        this.offsetFile = offsetFile;
        this.stopAfterRecords = stopAfterRecords;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(p);
        keys.configure(Map.of("schemas.enable", String.valueOf(schemas)), true);
        values.configure(Map.of("schemas.enable", String.valueOf(schemas)), false);
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return config;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return readOffset(offsetFile);
                    }
                };
            }

            @Override
            public void progress(Map<String, Object> detail) {
                progress.set(detail);
            }
        });
        thread = new Thread(() -> run(config), "postgres-task-runner");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Map<String, String> config) {
        try {
            task.start(config);
            long lastStore = 0;
            while (running.get()) {
                if (sent.get() >= stopAfterRecords) {
                    producer.flush();
                    storeOffsets();
                    return;
                }
                List<SourceRecord> records = task.poll();
                if (records != null) {
                    for (SourceRecord r : records) {
                        if (sent.get() < stopAfterRecords) {
                            send(r);
                        }
                    }
                }
                if (System.currentTimeMillis() - lastStore > 50) {
                    storeOffsets();
                    lastStore = System.currentTimeMillis();
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            task.stop();
        }
    }

    private void send(SourceRecord r) {
        byte[] k = keys.fromConnectData(r.topic(), r.keySchema(), r.key());
        byte[] v = r.value() == null ? null : values.fromConnectData(r.topic(), r.valueSchema(), r.value());
        Sent s = new Sent(r);
        synchronized (inFlight) {
            inFlight.add(s);
        }
        sent.incrementAndGet();
        producer.send(new ProducerRecord<>(r.topic(), null, r.timestamp(), k, v), (md, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
                return;
            }
            Runnable ack = () -> {
                s.acked = true;
                task.commitRecord(r, md);
            };
            synchronized (heldAcks) {
                if (holdAcks) {
                    heldAcks.add(ack);
                    return;
                }
            }
            ack.run();
        });
    }

    /** Holds back the broker's acknowledgements from the task (true) or delivers the held ones and resumes. */
    void holdAcknowledgements(boolean hold) {
        synchronized (heldAcks) {
            holdAcks = hold;
            if (!hold) {
                heldAcks.forEach(Runnable::run);
                heldAcks.clear();
            }
        }
    }

    private void storeOffsets() throws IOException, InterruptedException {
        Map<String, ?> last = null;
        synchronized (inFlight) {
            while (!inFlight.isEmpty() && inFlight.peek().acked) {
                last = inFlight.poll().record.sourceOffset();
            }
        }
        if (last != null) {
            Path tmp = offsetFile.resolveSibling(offsetFile.getFileName() + ".tmp");
            Files.write(tmp, JSON.writeValueAsBytes(last));
            Files.move(tmp, offsetFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            task.commit();
        }
    }

    static Map<String, Object> readOffset(Path file) {
        try {
            if (!Files.exists(file)) {
                return null;
            }
            return JSON.readValue(file.toFile(), new TypeReference<HashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Throwable failure() {
        return failure.get();
    }

    Map<String, Object> progress() {
        return progress.get();
    }

    long sent() {
        return sent.get();
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    /** Waits until the task failed (returns the failure) or {@code ms} passed (returns null). */
    Throwable awaitFailure(long ms) throws InterruptedException {
        thread.join(ms);
        return failure.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
        producer.close();
    }

    /** Runs a task in this process until killed: args = bootstrap, offset file, then key=value config pairs. */
    public static void main(String[] args) throws Exception {
        Map<String, String> config = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            config.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        try (TaskRunner runner = new TaskRunner(args[0], config, Path.of(args[1]))) {
            while (runner.isRunning()) {
                System.out.println("sent " + runner.sent());
                Thread.sleep(100);
            }
            if (runner.failure() != null) {
                runner.failure().printStackTrace();
                System.exit(2);
            }
        }
    }
}
