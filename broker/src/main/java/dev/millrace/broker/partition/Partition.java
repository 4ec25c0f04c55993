package dev.millrace.broker.partition;

import dev.millrace.broker.log.FetchDataInfo;
import dev.millrace.broker.log.LogAppendInfo;
import dev.millrace.broker.log.LogConfig;
import dev.millrace.broker.log.LogOffsetMetadata;
import dev.millrace.broker.log.PartitionLog;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * One partition led by this broker: its log, the I/O thread that owns it, its leader epoch, and the parked
 * fetches waiting for its next append. Every change to the log runs on the owning thread; reads of data
 * below the high watermark may come from any thread.
 */
public final class Partition {
    private final TopicPartition id;
    private final PartitionLog log;
    private final ExecutorService owner;
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
    private final int leaderEpoch;

    Partition(TopicPartition id, PartitionLog log, ExecutorService owner) {
        this.id = id;
        this.log = log;
        this.owner = owner;
        this.leaderEpoch = Math.max(log.leaderEpochCache().latestEpoch(), 0);
    }

    public TopicPartition id() {
        return id;
    }

    /**
     * The current leader epoch, read from the log's epoch checkpoint when the partition opens. A single
     * node leads every partition from epoch 0 on and never changes leader; replication will bump it.
     */
    public int leaderEpoch() {
        return leaderEpoch;
    }

    /**
     * Appends one produced batch on the owning thread. On a single node the high watermark follows the
     * log end offset as soon as the batch is in the log, which is what acks=1 and acks=all both require
     * here. Parked fetches are woken after the append.
     */
    public CompletableFuture<LogAppendInfo> append(ByteBuf batch, short produceVersion) {
        return onOwner(() -> {
            LogAppendInfo info = log.appendAsLeader(batch, leaderEpoch(), produceVersion);
            if (!info.duplicate()) {
                log.updateHighWatermark(log.logEndOffset());
                appendListeners.forEach(Runnable::run);
            }
            return info;
        });
    }

    /** Reads whole batches from {@code offset}, never past the high watermark. Safe from any thread. */
    public FetchDataInfo read(long offset, int maxBytes, boolean minOneMessage) {
        return log.read(offset, maxBytes, log.highWatermark(), minOneMessage);
    }

    public long highWatermark() {
        return log.highWatermark();
    }

    /** The high watermark with its segment and byte position, for counting bytes without reading the log. */
    public LogOffsetMetadata highWatermarkMetadata() {
        return log.highWatermarkMetadata();
    }

    public long logStartOffset() {
        return log.logStartOffset();
    }

    public long logEndOffset() {
        return log.logEndOffset();
    }

    public PartitionLog log() {
        return log;
    }

    /** Registers a callback run on the owning thread after each append (for parked fetches). */
    public void addAppendListener(Runnable listener) {
        appendListeners.add(listener);
    }

    public void removeAppendListener(Runnable listener) {
        appendListeners.remove(listener);
    }

    /** Wakes every parked fetch, e.g. when the partition goes away. */
    void wakeAll() {
        appendListeners.forEach(Runnable::run);
    }

    public CompletableFuture<Long> deleteRecordsBefore(long offset) {
        return onOwner(() -> log.deleteRecordsBefore(offset));
    }

    public CompletableFuture<Void> updateConfig(LogConfig newConfig) {
        return onOwner(() -> {
            log.updateConfig(newConfig);
            return null;
        });
    }

    /** Runs {@code work} on the thread that owns this partition. */
    public <T> CompletableFuture<T> onOwner(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, owner);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
