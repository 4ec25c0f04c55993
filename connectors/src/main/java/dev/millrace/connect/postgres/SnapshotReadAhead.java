package dev.millrace.connect.postgres;

import dev.millrace.connect.source.SourceRecord;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link SnapshotReader} on a thread of its own, a few batches ahead of the task's polls: while the task
 * thread converts and sends one batch, the next one is fetched from PostgreSQL and turned into records (Debezium's
 * snapshot also runs beside its poll loop, behind a queue). The reader owns the
 * snapshot connection until the last batch; a failure there is rethrown by the next {@link #next} call.
 */
final class SnapshotReadAhead implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SnapshotReadAhead.class);
    /**
     * Records queued ahead of the task at most: one batch at the default max.batch.size. Debezium queues up to
     * max.queue.size = 8192, but here the producer's buffer (32 MiB by default: thousands of change events) already
     * sits between the task and the broker, and every record queued on top of it is one more object graph that
     * each young collection copies while the broker, the producer and the task stand still.
     */
    static final int QUEUED_RECORDS = 2048;
    /** Marks the end of the snapshot in the queue (compared by identity). */
    private static final List<SourceRecord> END = new ArrayList<>(0);

    private final SnapshotReader reader;
    private final int batchSize;
    private final BlockingQueue<List<SourceRecord>> batches;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Throwable failure;
    private boolean ended;

    SnapshotReadAhead(SnapshotReader reader, int batchSize, String name) {
        this.reader = reader;
        this.batchSize = batchSize;
        this.batches = new ArrayBlockingQueue<>(Math.max(1, QUEUED_RECORDS / batchSize));
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closed) {
                List<SourceRecord> batch = reader.next(batchSize);
                if (batch == null) {
                    break;
                }
                if (!batch.isEmpty()) {
                    enqueue(batch);
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
        try {
            enqueue(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void enqueue(List<SourceRecord> batch) throws InterruptedException {
        while (!closed && !batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            // the task is behind: wait for room unless closed
        }
    }

    /**
     * The next batch; an empty list if none is ready within {@code waitMs}; null once the snapshot is complete (the
     * reader's thread has ended then, and its connection may be closed).
     */
    List<SourceRecord> next(long waitMs) throws SQLException, InterruptedException {
        if (ended) {
            return null;
        }
        List<SourceRecord> batch = batches.poll(waitMs, TimeUnit.MILLISECONDS);
        if (batch == null) {
            return List.of();
        }
        if (batch != END) {
            return batch;
        }
        ended = true;
        thread.join();
        Throwable t = failure;
        if (t instanceof SQLException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return null;
    }

    /** Stops reading ahead and closes the snapshot (its transaction and connection). */
    @Override
    public void close() throws SQLException {
        closed = true;
        batches.clear();
        try {
            // closing the connection under a fetch ends it too: the reader then fails and leaves
            reader.close();
        } finally {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("snapshot reader thread {} did not end within 10 s", thread.getName());
            }
        }
    }
}
