package dev.millrace.broker.partition;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.log.LogConfig;
import dev.millrace.broker.log.LogManager;
import dev.millrace.broker.log.PartitionLog;
import dev.millrace.broker.metadata.TopicInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions this broker leads: opens their logs, pins each to an I/O thread, and runs retention on
 * those threads. Partitions are added and removed by the controller thread; lookups come from any thread.
 */
public final class PartitionManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartitionManager.class);

    private final LogManager logs;
    private final BrokerConfig config;
    private final IoThreads ioThreads;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();

    public PartitionManager(LogManager logs, BrokerConfig config) {
        this.logs = logs;
        this.config = config;
        this.ioThreads = new IoThreads(config.numIoThreads());
    }

    /** The effective log settings of a topic: its overrides over the broker defaults. */
    public LogConfig logConfig(TopicInfo topic) {
        return LogConfig.of(topic.configs(), config.logDefaults());
    }

    public Partition get(String topic, int partition) {
        return partitions.get(new TopicPartition(topic, partition));
    }

    public Collection<Partition> all() {
        return partitions.values();
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
            partitions.put(id, new Partition(id, partitionLog, logConfig, ioThreads.assign()));
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

    /** Deletes segments past retention and flushes logs due a time-based flush, on the owning threads. */
    public void scheduleMaintenance(ScheduledExecutorService scheduler) {
        long retentionEvery = config.retentionCheckIntervalMs();
        scheduler.scheduleWithFixedDelay(() -> {
            for (Partition p : partitions.values()) {
                p.onOwner(() -> p.log().deleteExpiredSegments()).whenComplete((deleted, error) -> {
                    if (error != null) {
                        log.warn("Retention failed for {}: {}", p.id(), error.toString());
                    } else if (deleted > 0) {
                        log.info("Retention deleted {} segment(s) of {}", deleted, p.id());
                    }
                });
            }
        }, retentionEvery, retentionEvery, TimeUnit.MILLISECONDS);
    }

    /** Lets accepted appends finish, then flushes and closes every log with a clean-shutdown marker. */
    @Override
    public void close() {
        ioThreads.close();
        logs.shutdown();
    }
}
