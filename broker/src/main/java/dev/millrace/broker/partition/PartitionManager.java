package dev.millrace.broker.partition;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.log.LogCleaner;
import dev.millrace.broker.log.LogConfig;
import dev.millrace.broker.log.LogManager;
import dev.millrace.broker.log.PartitionLog;
import dev.millrace.broker.metadata.TopicInfo;
import dev.millrace.broker.metadata.TopicRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions this broker leads: opens their logs, pins each to an I/O thread, and runs retention on
 * those threads. Partitions are added and removed by the controller thread; lookups come from any thread.
 */
public final class PartitionManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartitionManager.class);

    private static final long CHECKPOINT_INTERVAL_MS = 60_000;

    private final LogManager logs;
    private final BrokerConfig config;
    private final IoThreads ioThreads;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private LogCleaner cleaner;
    private ScheduledExecutorService cleanerThread;

    public PartitionManager(LogManager logs, BrokerConfig config) {
        this.logs = logs;
        this.config = config;
        this.ioThreads = new IoThreads(config.numIoThreads());
    }

    /** The effective log settings of a topic: its overrides over the broker defaults. */
    public LogConfig logConfig(TopicInfo topic) {
        return logs.configFor(topic.configs());
    }

    public Partition get(String topic, int partition) {
        return partitions.get(new TopicPartition(topic, partition));
    }

    /** Opens (creating if needed) the logs of partitions [from, topic.partitionCount()) of a topic. */
    public void open(TopicInfo topic, int from) {
        LogConfig logConfig = logConfig(topic);
        for (int p = from; p < topic.partitionCount(); p++) {
            TopicPartition id = new TopicPartition(topic.name(), p);
            if (partitions.containsKey(id)) {
                continue;
            }
            PartitionLog partitionLog = logs.getOrCreate(topic.name(), p, logConfig);
            if (partitionLog.leaderEpochCache().latestEpoch() < 0) {
                partitionLog.leaderEpochCache().assign(0, partitionLog.logEndOffset());
            }
            // Alone, this node is the whole ISR: everything recovered into the log is committed, including
            // appends acknowledged after the last high-watermark checkpoint.
            partitionLog.updateHighWatermark(partitionLog.logEndOffset());
            partitions.put(id, new Partition(id, partitionLog, ioThreads.assign()));
        }
    }

    /** Removes a topic's partitions and deletes their logs, each on its owning thread. */
    public CompletableFuture<Void> delete(String topic, int partitionCount) {
        List<CompletableFuture<Void>> deletions = new ArrayList<>();
        for (int p = 0; p < partitionCount; p++) {
            Partition partition = partitions.remove(new TopicPartition(topic, p));
            if (partition != null) {
                int index = p;
                partition.wakeAll();
                deletions.add(partition.onOwner(() -> {
                    logs.delete(topic, index);
                    return null;
                }));
            }
        }
        return CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new));
    }

    /**
     * Logs found on disk whose topic no longer exists (a deletion cut short by a crash) or that lie beyond
     * the topic's partition count are removed, as Kafka does with partitions absent from its metadata.
     */
    public void deleteOrphans(TopicRegistry topics) {
        for (PartitionLog partitionLog : List.copyOf(logs.all())) {
            TopicInfo topic = topics.get(partitionLog.topic());
            if (topic == null || partitionLog.partition() >= topic.partitionCount()) {
                log.warn("Deleting {}: its topic or partition is not in the metadata", partitionLog.dir());
                logs.delete(partitionLog.topic(), partitionLog.partition());
            }
        }
    }

    /**
     * Background upkeep on the owning threads: retention every log.retention.check.interval.ms, and every
     * minute the flush of rolled segments and the offsets checkpoint (Kafka's checkpoint interval).
     * flush.messages and flush.ms are honoured on the append path itself.
     */
    public void scheduleMaintenance(ScheduledExecutorService scheduler) {
        long retentionEvery = config.retentionCheckIntervalMs();
        scheduler.scheduleWithFixedDelay(() -> forEachOnOwner("Retention", p -> {
            int deleted = p.log().deleteExpiredSegments();
            p.log().removeExpiredProducers();
            if (deleted > 0) {
                log.info("Retention deleted {} segment(s) of {}", deleted, p.id());
            }
        }), retentionEvery, retentionEvery, TimeUnit.MILLISECONDS);
        long checkpointEvery = Math.min(config.flushSchedulerIntervalMs(), CHECKPOINT_INTERVAL_MS);
        scheduler.scheduleWithFixedDelay(() -> forEachOnOwner("Flush", p -> p.log().maybeFlush()),
                checkpointEvery, checkpointEvery, TimeUnit.MILLISECONDS);
        startCleaner();
    }

    /**
     * Log compaction runs on its own thread (Kafka's log.cleaner.threads defaults to one), not on the
     * shared scheduler and not on the I/O threads: a clean reads and rewrites whole segments, which would
     * stall the appends of every partition of an I/O thread and the other maintenance tasks. Only the short
     * planning and swap steps of a clean are handed to the partition's owner ({@link LogCleaner}). Every
     * log.cleaner.backoff.ms it makes one pass over the compacted partitions.
     */
    private synchronized void startCleaner() {
        if (!config.logCleanerEnable() || cleanerThread != null) {
            return;
        }
        cleaner = new LogCleaner(config.logCleanerDedupeBufferSize());
        cleanerThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "millrace-log-cleaner");
            t.setDaemon(true);
            return t;
        });
        long backoff = Math.max(1, config.logCleanerBackoffMs());
        cleanerThread.scheduleWithFixedDelay(this::cleanerPass, backoff, backoff, TimeUnit.MILLISECONDS);
    }

    private void cleanerPass() {
        for (Partition p : partitions.values()) {
            if (!p.log().config().isCompacted() || p.log().isClosed()) {
                continue;
            }
            try {
                cleaner.clean(p.log(), new LogCleaner.OwnerThread() {
                    @Override
                    public <T> T call(Supplier<T> work) {
                        try {
                            return p.onOwner(work).join();
                        } catch (CompletionException e) {
                            throw e.getCause() instanceof RuntimeException r ? r : e;
                        }
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Cleaning {} failed: {}", p.id(), e.toString());
            }
        }
    }

    private synchronized void stopCleaner() {
        if (cleanerThread == null) {
            return;
        }
        // never shutdownNow: an interrupt in the middle of a read would close the segment's file channel
        cleaner.stop();
        cleanerThread.shutdown();
        try {
            if (!cleanerThread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The log cleaner did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forEachOnOwner(String what, Consumer<Partition> work) {
        for (Partition p : partitions.values()) {
            p.onOwner(() -> {
                work.accept(p);
                return null;
            }).whenComplete((ignored, error) -> {
                if (error != null) {
                    log.warn("{} failed for {}: {}", what, p.id(), error.toString());
                }
            });
        }
    }

    /** Lets accepted appends finish, then flushes and closes every log with a clean-shutdown marker. */
    @Override
    public void close() {
        stopCleaner();
        ioThreads.close();
        logs.shutdown();
    }
}
