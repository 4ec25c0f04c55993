package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.ProcessorStateException;
import dev.millrace.streams.processor.RecordCollector;
import dev.millrace.streams.processor.StateRestoreListener;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The changelog duties of the window and session changelog layers, the same as the key-value layer's: open the store
 * (wiping a persistent one that has no checkpoint, since its files may hold writes the changelog never acknowledged),
 * register it for restore into the engine below the layer, send changes, and on flush flush the producer, then the
 * store, then checkpoint. The topic config is Kafka Streams' for windowed changelogs: {@code cleanup.policy} compact
 * and delete (delete alone for stores that retain duplicates, as Kafka Streams' builder sets), and
 * {@code retention.ms} = the store's retention
 * plus {@code windowstore.changelog.additional.retention.ms} (default one day) unless the builder's config sets it.
 */
final class ChangelogBinding {
    static final String ADDITIONAL_RETENTION_MS_CONFIG = "windowstore.changelog.additional.retention.ms";
    static final long DEFAULT_ADDITIONAL_RETENTION_MS = 24L * 60 * 60 * 1000;

    private final Map<String, String> logConfig;
    private final long retentionPeriod;
    private final boolean retainDuplicates;
    private StateStoreContext context;
    private RecordCollector collector;
    private String topic;
    private int partition;
    private boolean persistent;
    private String storeName;

    ChangelogBinding(Map<String, String> logConfig, long retentionPeriod, boolean retainDuplicates) {
        this.logConfig = Map.copyOf(logConfig);
        this.retentionPeriod = retentionPeriod;
        this.retainDuplicates = retainDuplicates;
    }

    /** The changelog topic config asked for at creation. */
    Map<String, String> topicConfig(Map<String, Object> appConfigs) {
        Map<String, String> config = new HashMap<>();
        config.put("cleanup.policy", retainDuplicates ? "delete" : "compact,delete");
        config.putAll(logConfig);
        if (!logConfig.containsKey("retention.ms")) {
            Object extra = appConfigs.get(ADDITIONAL_RETENTION_MS_CONFIG);
            long additional = extra == null ? DEFAULT_ADDITIONAL_RETENTION_MS : Long.parseLong(extra.toString().trim());
            long retention;
            try {
                retention = Math.addExact(retentionPeriod, additional);
            } catch (ArithmeticException overflow) {
                retention = Long.MAX_VALUE;
            }
            config.put("retention.ms", String.valueOf(retention));
        }
        return config;
    }

    /**
     * Opens {@code inner} and restores it. {@code engine} takes restored records as logged; {@code restoredValue}
     * turns a changelog record into the stored value (timestamped stores put the timestamp back).
     */
    void open(StateStoreContext context, StateStore root, StateStore inner, SegmentedChangelogRestorable engine,
              Function<ConsumerRecord<byte[], byte[]>, byte[]> restoredValue) {
        this.context = context;
        this.collector = context.recordCollector();
        this.storeName = inner.name();
        this.persistent = inner.persistent();
        if (collector == null) {
            inner.init(context, root);
            return;
        }
        topic = MeteredKeyValueStore.changelogTopic(context.applicationId(), storeName);
        partition = context.taskId().partition();
        if (persistent && context.checkpointedOffset(storeName) == null) {
            deleteDirectory(RocksDBSegmentedBytesStore.storeDir(context, storeName));
        }
        inner.init(context, root);
        try {
            // not flushed here: the next commit flushes and checkpoints (see ChangeLoggingKeyValueBytesStore#init)
            context.register(root, new Restorer(engine, restoredValue), topicConfig(context.appConfigs()));
        } catch (RuntimeException e) {
            inner.close(); // a half-restored store must not be used, and its native handles must not leak
            throw e;
        }
    }

    /** Applies restored batches to the engine, in bulk-load mode while a restore with records runs. */
    private static final class Restorer implements RecordBatchingStateRestoreCallback, StateRestoreListener {
        private final SegmentedChangelogRestorable engine;
        private final Function<ConsumerRecord<byte[], byte[]>, byte[]> restoredValue;
        private boolean bulkLoading;

        Restorer(SegmentedChangelogRestorable engine, Function<ConsumerRecord<byte[], byte[]>, byte[]> restoredValue) {
            this.engine = engine;
            this.restoredValue = restoredValue;
        }

        @Override
        public void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records) {
            List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(records.size());
            for (ConsumerRecord<byte[], byte[]> r : records) batch.add(KeyValue.pair(Bytes.wrap(r.key()), restoredValue.apply(r)));
            engine.restoreChangelog(batch);
        }

        @Override
        public void onRestoreStart(TopicPartition tp, String storeName, long startingOffset, long endingOffset) {
            if (endingOffset > startingOffset) {
                engine.bulkLoading(true);
                bulkLoading = true;
            }
        }

        @Override
        public void onBatchRestored(TopicPartition tp, String storeName, long batchEndOffset, long numRestored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition tp, String storeName, long totalRestored) {
            if (bulkLoading) {
                engine.bulkLoading(false);
                bulkLoading = false;
            }
        }
    }

    private static void deleteDirectory(File dir) {
        Path path = dir.toPath();
        if (!Files.exists(path)) return;
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        } catch (IOException e) {
            throw new ProcessorStateException("cannot wipe store directory " + dir, e);
        }
    }

    /** Sends one change (null value: tombstone) with the record timestamp given. */
    void log(Bytes key, byte[] value, long timestamp) {
        if (collector != null) collector.send(topic, partition, key, value, timestamp);
    }

    void flush(StateStore inner) {
        if (collector != null) collector.flush();
        inner.flush();
        if (collector != null && persistent) context.checkpoint(storeName);
    }
}
