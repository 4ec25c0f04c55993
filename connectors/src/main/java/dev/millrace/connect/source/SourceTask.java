package dev.millrace.connect.source;

import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.List;
import java.util.Map;

/**
 * One unit of a source connector's work, run on its own thread by the runtime: {@link #start}, then {@link #poll}
 * in a loop until {@link #stop}. The runtime stores a record's source offset only once the broker acknowledged the
 * record, then calls {@link #commit()}.
 */
public abstract class SourceTask {
    protected SourceTaskContext context;

    /** Called once before {@link #start}. */
    public void initialize(SourceTaskContext context) {
        this.context = context;
    }

    public abstract String version();

    /** Starts the task; throwing {@code ConnectException} fails it with the message as status trace. */
    public abstract void start(Map<String, String> props);

    /**
     * Returns the next records, blocking briefly if none are ready; null or empty when idle. Throwing fails the task,
     * except {@link InterruptedException}, which the runtime uses to stop it.
     */
    public abstract List<SourceRecord> poll() throws InterruptedException;

    /** Called when the task stops; may be called from another thread than {@link #poll}, so must not block long. */
    public abstract void stop();

    /** Called after the offsets of acknowledged records were written to the offset topic. */
    public void commit() throws InterruptedException {
    }

    /** Called when the broker acknowledged {@code record}; {@code metadata} says where it was written. */
    public void commitRecord(SourceRecord record, RecordMetadata metadata) throws InterruptedException {
    }
}
