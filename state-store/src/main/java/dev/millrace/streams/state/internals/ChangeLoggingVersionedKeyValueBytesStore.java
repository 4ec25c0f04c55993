package dev.millrace.streams.state.internals;

import dev.millrace.streams.errors.ProcessorStateException;
import dev.millrace.streams.processor.RecordCollector;
import dev.millrace.streams.processor.StateRestoreListener;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.VersionedBytesStore;
import dev.millrace.streams.state.VersionedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The changelog layer of versioned stores, in Kafka Streams' format: each put or delete is one record with the plain
 * value (null for a delete) and the version's timestamp as the record timestamp. Every call is logged, even one the
 * store rejected as too old, as Kafka Streams does; restore replays in order and rejects it again.
 *
 * <p>The topic gets {@code min.compaction.lag.ms} = history retention + 24 h unless the builder's config names one,
 * so compaction never removes a version still inside the history retention (Kafka Streams' rule). Restore goes to
 * {@link RocksDBVersionedStore#restoreBatch}; wipe-or-tail and checkpoint rules are the key-value layer's.
 */
public class ChangeLoggingVersionedKeyValueBytesStore extends WrappedStateStore<VersionedBytesStore> implements VersionedBytesStore {
    static final long ADDITIONAL_COMPACTION_LAG_MS = 24L * 60 * 60 * 1000;

    private final Map<String, String> logConfig;
    private StateStoreContext context;
    private RecordCollector collector;
    private String topic;
    private int partition;

    public ChangeLoggingVersionedKeyValueBytesStore(VersionedBytesStore inner, Map<String, String> logConfig, long historyRetentionMs) {
        super(inner);
        Map<String, String> c = new HashMap<>(logConfig);
        long lag;
        try {
            lag = Math.addExact(historyRetentionMs, ADDITIONAL_COMPACTION_LAG_MS);
        } catch (ArithmeticException e) {
            lag = Long.MAX_VALUE;
        }
        c.putIfAbsent("min.compaction.lag.ms", String.valueOf(lag));
        this.logConfig = Map.copyOf(c);
    }

    /** The topic configs this layer creates its changelog with (besides {@code cleanup.policy=compact}). */
    public Map<String, String> logConfig() {
        return logConfig;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = context;
        this.collector = context.recordCollector();
        if (collector == null) {
            inner.init(context, root);
            return;
        }
        topic = MeteredKeyValueStore.changelogTopic(context.applicationId(), name());
        partition = context.taskId().partition();
        if (context.checkpointedOffset(name()) == null && inner instanceof RocksDBVersionedStore) {
            // not closed cleanly (or never flushed): its files may be ahead of the changelog; restore in full
            for (File dir : RocksDBVersionedStore.dbDirs(context, name())) deleteDirectory(dir.toPath());
        }
        inner.init(context, root);
        try {
            // not flushed here: the next commit flushes and checkpoints (see ChangeLoggingKeyValueBytesStore#init)
            context.register(root, new Restorer(), logConfig);
        } catch (RuntimeException e) {
            inner.close();
            throw e;
        }
    }

    private static void deleteDirectory(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        } catch (IOException e) {
            throw new ProcessorStateException("cannot wipe store directory " + dir, e);
        }
    }

    private final class Restorer implements RecordBatchingStateRestoreCallback, StateRestoreListener {
        @Override
        public void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records) {
            if (!(inner instanceof RocksDBVersionedStore)) {
                throw new UnsupportedOperationException("restore of versioned store " + name() + " of type "
                        + inner.getClass().getName() + " is not supported");
            }
            ((RocksDBVersionedStore) inner).restoreBatch(records);
        }

        @Override
        public void onRestoreStart(TopicPartition tp, String storeName, long startingOffset, long endingOffset) {
            if (inner instanceof RocksDBVersionedStore && endingOffset > startingOffset) {
                ((RocksDBVersionedStore) inner).toggleDbForBulkLoading(true);
            }
        }

        @Override
        public void onBatchRestored(TopicPartition tp, String storeName, long batchEndOffset, long numRestored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition tp, String storeName, long totalRestored) {
            if (inner instanceof RocksDBVersionedStore && totalRestored > 0) {
                ((RocksDBVersionedStore) inner).toggleDbForBulkLoading(false);
            }
        }
    }

    /** A standby's stores change only through restore: refuse before the store is touched. */
    private void checkWritable() {
        if (collector == StandbyUpdater.REJECTING_COLLECTOR) throw StandbyUpdater.standbyWrite(name());
    }

    private void log(Bytes key, byte[] value, long timestamp) {
        if (collector != null) collector.send(topic, partition, key, value, timestamp);
    }

    @Override
    public long put(Bytes key, byte[] value, long timestamp) {
        checkWritable();
        long validTo = inner.put(key, value, timestamp);
        log(key, value, timestamp);
        return validTo;
    }

    @Override
    public VersionedRecord<byte[]> delete(Bytes key, long timestamp) {
        checkWritable();
        VersionedRecord<byte[]> old = inner.delete(key, timestamp);
        log(key, null, timestamp);
        return old;
    }

    @Override
    public VersionedRecord<byte[]> get(Bytes key) {
        return inner.get(key);
    }

    @Override
    public VersionedRecord<byte[]> get(Bytes key, long asOfTimestamp) {
        return inner.get(key, asOfTimestamp);
    }

    @Override
    public void flush() {
        if (collector != null) collector.flush();
        inner.flush();
        if (collector != null) context.checkpoint(name());
    }
}
