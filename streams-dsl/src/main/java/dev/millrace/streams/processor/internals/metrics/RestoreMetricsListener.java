package dev.millrace.streams.processor.internals.metrics;

import dev.millrace.streams.processor.StateRestoreListener;
import org.apache.kafka.common.TopicPartition;

/**
 * The restore listener a task's stores report to: passes every call on to the application's listener and records the
 * task's {@code restore-total}/{@code restore-rate} and {@code restore-remaining-records-total}. The task's metrics
 * are bound once they exist, before the stores open and restore.
 */
public final class RestoreMetricsListener implements StateRestoreListener {
    private final StateRestoreListener delegate;
    private volatile TaskMetrics metrics = TaskMetrics.NONE;

    public RestoreMetricsListener(StateRestoreListener delegate) {
        this.delegate = delegate;
    }

    public void recordInto(TaskMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void onRestoreStart(TopicPartition tp, String storeName, long startingOffset, long endingOffset) {
        metrics.restoreStarted(Math.max(0L, endingOffset - startingOffset));
        delegate.onRestoreStart(tp, storeName, startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition tp, String storeName, long batchEndOffset, long numRestored) {
        metrics.restored(numRestored);
        delegate.onBatchRestored(tp, storeName, batchEndOffset, numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition tp, String storeName, long totalRestored) {
        delegate.onRestoreEnd(tp, storeName, totalRestored);
    }
}
