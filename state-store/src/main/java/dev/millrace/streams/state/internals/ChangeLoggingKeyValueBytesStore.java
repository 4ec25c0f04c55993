package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.processor.RecordCollector;
import dev.millrace.streams.processor.RecordContext;
import dev.millrace.streams.processor.StateRestoreListener;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sends every write of the bytes store below it to the store's changelog
 * ({@code <application.id>-<store>-changelog}, the task's partition), as Kafka Streams' layer of the same name. It
 * sits under the record cache, so only what reaches the store is logged: coalesced writes, once per flush.
 *
 * <p>Deletes are logged as tombstones, and so are {@link MemoryLRUCache} evictions, so a restored LRU store holds
 * what the evicting one held rather than every key ever written.
 *
 * <p>At init it registers with the context, which restores the store below this layer: restored records are not
 * logged again and do not pass the cache. A persistent store the context has no checkpoint for was not closed
 * cleanly (or never flushed), so its files may hold writes the changelog never acknowledged, or miss deletes: it is
 * wiped first and restored in full. {@link #flush()} flushes the producer, then the store, then checkpoints, so a
 * checkpoint never names an offset whose write is not on disk.
 *
 * <p>With a context that has no {@link RecordCollector} (no changelogs) this layer passes through.
 */
public class ChangeLoggingKeyValueBytesStore extends WrappedStateStore<KeyValueStore<Bytes, byte[]>>
        implements KeyValueStore<Bytes, byte[]> {
    private final Map<String, String> logConfig;
    private StateStoreContext context;
    private RecordCollector collector;
    private String topic;
    private int partition;
    private volatile boolean restoring;

    public ChangeLoggingKeyValueBytesStore(KeyValueStore<Bytes, byte[]> inner, Map<String, String> logConfig) {
        super(inner);
        this.logConfig = Map.copyOf(logConfig);
    }

    /** The storage engine below any adapters. */
    private KeyValueStore<Bytes, byte[]> engine() {
        KeyValueStore<Bytes, byte[]> s = inner;
        while (s instanceof PlainToTimestampedBytesStoreAdapter) s = ((PlainToTimestampedBytesStoreAdapter) s).wrapped();
        return s;
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
        boolean wipe = inner.persistent() && context.checkpointedOffset(name()) == null;
        KeyValueStore<Bytes, byte[]> engine = engine();
        if (wipe && engine instanceof RocksDBStore) deleteDirectory(RocksDBStore.dbDir(context, name()).toPath());
        inner.init(context, root);
        if (wipe && !(engine instanceof RocksDBStore)) deleteAll();
        if (engine instanceof MemoryLRUCache) {
            ((MemoryLRUCache) engine).setWhenEldestRemoved((key, value) -> {
                if (!restoring) log(key, null);
            });
        }
        try {
            // no flush here: restored records may sit in memtables (no WAL) until the next commit flushes and
            // checkpoints; a crash before it restores again from the old checkpoint, and replays are overwrites
            context.register(root, new Restorer(engine), logConfig);
        } catch (RuntimeException e) {
            inner.close(); // a half-restored store must not be used, and its native handles must not leak
            throw e;
        }
    }

    private void deleteAll() {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = inner.all()) {
            while (it.hasNext()) keys.add(it.next().key);
        }
        for (Bytes k : keys) inner.delete(k);
    }

    private static void deleteDirectory(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        } catch (IOException e) {
            throw new dev.millrace.streams.errors.ProcessorStateException("cannot wipe store directory " + dir, e);
        }
    }

    /** Applies restored batches to the store below this layer; bulk-load mode on RocksDB while it runs. */
    private final class Restorer implements RecordBatchingStateRestoreCallback, StateRestoreListener {
        private final KeyValueStore<Bytes, byte[]> engine;

        Restorer(KeyValueStore<Bytes, byte[]> engine) {
            this.engine = engine;
        }

        @Override
        public void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records) {
            if (inner == engine && engine instanceof ChangelogRestoreTarget) {
                // straight from the records' arrays, no KeyValue or Bytes per record
                ((ChangelogRestoreTarget) engine).restoreBatch(records, r -> restoredValue(r));
                return;
            }
            // an adapter between this layer and the engine converts values in putAll
            List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(records.size());
            for (ConsumerRecord<byte[], byte[]> r : records) {
                batch.add(KeyValue.pair(Bytes.wrap(r.key()), restoredValue(r)));
            }
            inner.putAll(batch);
        }

        @Override
        public void onRestoreStart(TopicPartition tp, String storeName, long startingOffset, long endingOffset) {
            restoring = true;
            if (engine instanceof RocksDBStore && endingOffset > startingOffset) {
                ((RocksDBStore) engine).toggleDbForBulkLoading(true);
            }
        }

        @Override
        public void onBatchRestored(TopicPartition tp, String storeName, long batchEndOffset, long numRestored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition tp, String storeName, long totalRestored) {
            restoring = false;
            if (engine instanceof RocksDBStore && totalRestored > 0) ((RocksDBStore) engine).toggleDbForBulkLoading(false);
        }
    }

    /** The value to store for a changelog record: as logged, here. */
    protected byte[] restoredValue(ConsumerRecord<byte[], byte[]> record) {
        return record.value();
    }

    /** Sends a change; {@code value} is as stored, null for a delete. */
    protected void log(Bytes key, byte[] value) {
        logWithTimestamp(key, value, recordTimestamp());
    }

    /** The processed record's timestamp, as Kafka Streams stamps changelog records; the wall clock outside processing. */
    protected final long recordTimestamp() {
        RecordContext rc = context.recordContext();
        return rc != null && rc.timestamp() >= 0 ? rc.timestamp() : System.currentTimeMillis();
    }

    protected final void logWithTimestamp(Bytes key, byte[] value, long timestamp) {
        if (collector != null) collector.send(topic, partition, key, value, timestamp);
    }

    /** A standby's stores change only through restore: refuse before the store is touched. */
    protected final void checkWritable() {
        if (collector == StandbyUpdater.REJECTING_COLLECTOR) throw StandbyUpdater.standbyWrite(name());
    }

    @Override
    public void put(Bytes key, byte[] value) {
        checkWritable();
        inner.put(key, value);
        log(key, value);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        checkWritable();
        byte[] old = inner.putIfAbsent(key, value);
        if (old == null) log(key, value); // nothing written when present
        return old;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        checkWritable();
        inner.putAll(entries);
        for (KeyValue<Bytes, byte[]> e : entries) log(e.key, e.value);
    }

    @Override
    public byte[] delete(Bytes key) {
        checkWritable();
        byte[] old = inner.delete(key);
        log(key, null); // a tombstone even for an absent key, as Kafka Streams: cheap, and compaction drops it
        return old;
    }

    @Override
    public byte[] get(Bytes key) {
        return inner.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return inner.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        return inner.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    @Override
    public void flush() {
        if (collector != null) collector.flush();
        inner.flush();
        if (collector != null && inner.persistent()) context.checkpoint(name());
    }
}
