package dev.millrace.connect.runtime;

import dev.millrace.connect.errors.ConnectException;
import dev.millrace.connect.runtime.store.OffsetStore;
import dev.millrace.connect.source.OffsetStorageReader;
import dev.millrace.connect.source.SourceRecord;
import dev.millrace.connect.source.SourceTask;
import dev.millrace.connect.source.SourceTaskContext;
import dev.millrace.connect.storage.Converter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs one source task on its own thread: start, then poll, convert and send until stopped. Offsets of
 * acknowledged records are written to the offset topic every {@code offset.flush.interval.ms} and on a clean stop,
 * then {@link SourceTask#commit()} is called. An exception from start, poll, conversion or a failed send fails the
 * task (FAILED, with the message first in the trace); offsets of records already acknowledged are still stored.
 * A send waits while the task's unacknowledged bytes exceed half of the producer's buffer ({@link SendWindow}).
 */
final class WorkerTask implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(WorkerTask.class);

    private final TaskId id;
    private final SourceTask task;
    private final Map<String, String> config;
    private final Converter keyConverter;
    private final Converter valueConverter;
    private final KafkaProducer<byte[], byte[]> producer;
    private final OffsetStore offsets;
    private final TopicCreator topicCreator;
    private final long flushIntervalMs;
    private final Consumer<WorkerTask> statusChanged;
    private final SubmittedRecords submitted = new SubmittedRecords();
    private final SendWindow window;
    private final AtomicBoolean taskStopCalled = new AtomicBoolean();
    private final Object pauseMonitor = new Object();

    private volatile boolean stopping;
    private volatile boolean paused;
    private volatile State state = State.UNASSIGNED;
    private volatile String trace;
    private volatile Map<String, Object> progress;
    private volatile Exception sendFailure;

    WorkerTask(TaskId id, SourceTask task, Map<String, String> config, Converter keyConverter,
               Converter valueConverter, KafkaProducer<byte[], byte[]> producer, OffsetStore offsets,
               TopicCreator topicCreator, long flushIntervalMs, boolean startPaused,
               Consumer<WorkerTask> statusChanged, long producerBufferMemory) {
        this.id = id;
        this.task = task;
        this.config = Map.copyOf(config);
        this.keyConverter = keyConverter;
        this.valueConverter = valueConverter;
        this.producer = producer;
        this.offsets = offsets;
        this.topicCreator = topicCreator;
        this.flushIntervalMs = flushIntervalMs;
        this.paused = startPaused;
        this.statusChanged = statusChanged;
        this.window = new SendWindow(producerBufferMemory);
    }

    TaskId id() { return id; }
    State state() { return state; }
    String trace() { return trace; }
    Map<String, Object> progress() { return progress; }
    Map<String, String> config() { return config; }

    @Override
    public void run() {
        try {
            task.initialize(new Context());
            task.start(config);
            transition(paused ? State.PAUSED : State.RUNNING, null);
            execute();
            commitOffsets(true);
        } catch (InterruptedException e) {
            if (!stopping) {
                fail(e);
            }
        } catch (Throwable t) {
            fail(t);
        } finally {
            stopTask();
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void execute() throws InterruptedException {
        long nextFlush = System.currentTimeMillis() + flushIntervalMs;
        while (!stopping) {
            if (paused) {
                synchronized (pauseMonitor) {
                    if (paused && !stopping) {
                        pauseMonitor.wait(100);
                    }
                }
            } else {
                List<SourceRecord> records = task.poll();
                if (records != null) {
                    for (SourceRecord record : records) {
                        send(record);
                    }
                }
            }
            Exception failed = sendFailure;
            if (failed != null) {
                throw new ConnectException("A record could not be written to the broker: " + failed.getMessage(), failed);
            }
            if (System.currentTimeMillis() >= nextFlush) {
                commitOffsets(false);
                nextFlush = System.currentTimeMillis() + flushIntervalMs;
            }
        }
    }

    private void send(SourceRecord record) {
        String topic = record.topic();
        if (topic == null || topic.isEmpty()) {
            throw new ConnectException("Task " + id + " produced a record without a topic");
        }
        topicCreator.ensure(topic);
        byte[] key = keyConverter.fromConnectData(topic, record.keySchema(), record.key());
        byte[] value = valueConverter.fromConnectData(topic, record.valueSchema(), record.value());
        SubmittedRecords.Submitted tracked = record.sourcePartition() == null || record.sourceOffset() == null
                ? null : submitted.submit(record.sourcePartition(), record.sourceOffset());
        Long timestamp = record.timestamp() != null && record.timestamp() >= 0 ? record.timestamp() : null;
        int size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        window.acquire(size, () -> stopping || sendFailure != null);
        producer.send(new ProducerRecord<>(topic, record.kafkaPartition(), timestamp, key, value), (metadata, e) -> {
            window.release(size);
            if (e != null) {
                sendFailure = e;
                return;
            }
            if (tracked != null) {
                tracked.ack();
            }
            try {
                task.commitRecord(record, metadata);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException re) {
                log.warn("Task {} failed in commitRecord", id, re);
            }
        });
    }

    /** Writes the offsets of acknowledged records; {@code finalCommit} first waits for every in-flight record. */
    private void commitOffsets(boolean finalCommit) throws InterruptedException {
        if (finalCommit) {
            producer.flush();
        }
        Map<Map<String, ?>, Map<String, ?>> committable = submitted.drainCommittable();
        if (!committable.isEmpty()) {
            offsets.write(id.connector(), committable);
        }
        task.commit();
    }

    private void fail(Throwable t) {
        log.error("Task {} failed", id, t);
        try {
            // records the broker already has keep their offsets, so a restart neither repeats nor loses them
            Map<Map<String, ?>, Map<String, ?>> committable = submitted.drainCommittable();
            if (!committable.isEmpty()) {
                offsets.write(id.connector(), committable);
            }
        } catch (RuntimeException e) {
            log.warn("Task {} could not store the offsets of acknowledged records", id, e);
        }
        transition(State.FAILED, Traces.of(t));
    }

    private void stopTask() {
        if (taskStopCalled.compareAndSet(false, true)) {
            try {
                task.stop();
            } catch (RuntimeException e) {
                log.warn("Task {} failed to stop cleanly", id, e);
            }
        }
    }

    /** Asks the task to stop: its poll loop ends after the current batch, then offsets are committed. */
    void stop() {
        stopping = true;
        synchronized (pauseMonitor) {
            pauseMonitor.notifyAll();
        }
        stopTask();
    }

    void pause() {
        paused = true;
        if (state == State.RUNNING) {
            transition(State.PAUSED, null);
        }
    }

    void resume() {
        paused = false;
        synchronized (pauseMonitor) {
            pauseMonitor.notifyAll();
        }
        if (state == State.PAUSED) {
            transition(State.RUNNING, null);
        }
    }

    private void transition(State next, String nextTrace) {
        state = next;
        trace = nextTrace;
        statusChanged.accept(this);
    }

    /** What the task sees of the runtime. */
    private final class Context implements SourceTaskContext {
        private final OffsetStorageReader reader = offsets.reader(id.connector());

        @Override
        public Map<String, String> configs() {
            return config;
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return reader;
        }

        @Override
        public void progress(Map<String, Object> detail) {
            progress = detail == null ? null : Map.copyOf(detail);
        }
    }
}
