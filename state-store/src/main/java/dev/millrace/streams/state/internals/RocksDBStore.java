package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.errors.ProcessorStateException;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.RocksDBConfigSetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.rocksdb.AbstractImmutableNativeReference;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A key-value store in its own RocksDB database at {@code <task state dir>/rocksdb/<store name>}.
 *
 * <p>Writes skip RocksDB's write-ahead log, as in Kafka Streams: the changelog topic is the durable copy, and a
 * write is on disk here only after {@link #flush()}, which the runtime calls before it writes the checkpoint.
 * Memory comes from the process-wide {@link RocksDBMemory} unless a {@link RocksDBConfigSetter} says otherwise.
 * Every native object this store makes is closed by {@link #close()}.
 */
public class RocksDBStore implements KeyValueStore<Bytes, byte[]>, ChangelogRestoreTarget {
    /** The application config naming the {@link RocksDBConfigSetter} class (Kafka Streams' key). */
    public static final String ROCKSDB_CONFIG_SETTER_CLASS_CONFIG = "rocksdb.config.setter";
    static final String DB_PARENT_DIR = "rocksdb";

    private final String name;
    /** The directory below the task's state directory that holds this database's directory. */
    private final String parentDir;
    private final Set<RocksDBRangeIterator> openIterators = ConcurrentHashMap.newKeySet();
    /** Everything native this store created, in creation order; closed in reverse after the DB. */
    private final List<AbstractImmutableNativeReference> handles = new ArrayList<>();
    private File dbDir;
    private Options options;
    private WriteOptions writeOptions;
    private FlushOptions flushOptions;
    private RocksDBConfigSetter configSetter;
    private RocksDB db;
    private volatile boolean open;
    /** Restored records on their way into table files; set only while bulk loading (see {@link BulkRestore}). */
    private BulkRestore bulkRestore;
    private long restoreChunkBytes = RocksDBMemory.MEMTABLE_BYTES;
    private long restoreMinFileBytes = BulkRestore.MIN_FILE_BYTES;
    private int restoreFilesIngested;

    public RocksDBStore(String name) {
        this(name, DB_PARENT_DIR);
    }

    /** A database at {@code <task state dir>/<parentDir>/<name>}: window and session segments live under their store's name. */
    protected RocksDBStore(String name, String parentDir) {
        this.name = name;
        this.parentDir = parentDir;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** The database directory; valid after {@link #init}. */
    public File dbDir() {
        return dbDir;
    }

    /** Where the store named {@code name} keeps its database in the context's task directory. */
    public static File dbDir(StateStoreContext context, String name) {
        return new File(new File(context.stateDir(), DB_PARENT_DIR), name);
    }

    @Override
    public synchronized void init(StateStoreContext context, StateStore root) {
        if (open) throw new IllegalStateException("store " + name + " is already open");
        dbDir = new File(new File(context.stateDir(), parentDir), name);
        try {
            Files.createDirectories(dbDir.toPath());
            openDb(context.appConfigs());
        } catch (Exception e) {
            closeHandles();
            if (e instanceof ProcessorStateException) throw (ProcessorStateException) e;
            throw new ProcessorStateException("cannot open RocksDB store " + name + " at " + dbDir, e);
        }
        open = true;
    }

    private void openDb(Map<String, Object> configs) throws Exception {
        handles.clear(); // a reopened instance: the previous handles were all closed by close()
        RocksDBMemory memory = RocksDBMemory.shared();
        BlockBasedTableConfig table = new BlockBasedTableConfig();
        table.setBlockCache(memory.cache());
        // index and filter blocks go in the shared cache too, so they count against the budget instead of growing
        // with the data; pinning L0's keeps the hottest ones from being evicted by data blocks
        table.setCacheIndexAndFilterBlocks(true);
        table.setPinL0FilterAndIndexBlocksInCache(true);
        table.setBlockSize(16 * 1024);
        table.setFilterPolicy(track(new BloomFilter(10, false)));

        options = track(new Options());
        options.setCreateIfMissing(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBufferManager());
        // Kafka Streams' per-store memtable size: a store's first 16 MiB flush as one sorted run, so scans of
        // freshly written data merge one level-0 file, not two (decision 007); the shared budget bounds the total
        options.setWriteBufferSize(RocksDBMemory.MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(3);
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
        // RocksDB's LOG file is for debugging RocksDB itself; keep it short and few
        options.setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
        options.setKeepLogFileNum(2);

        Object setter = configs.get(ROCKSDB_CONFIG_SETTER_CLASS_CONFIG);
        if (setter != null) {
            configSetter = instantiate(setter);
            configSetter.setConfig(name, options, configs);
        }

        writeOptions = track(new WriteOptions());
        writeOptions.setDisableWAL(true);
        flushOptions = track(new FlushOptions());
        flushOptions.setWaitForFlush(true);
        db = track(RocksDB.open(options, dbDir.getAbsolutePath()));
    }

    private static RocksDBConfigSetter instantiate(Object setting) throws ReflectiveOperationException {
        Class<?> cls = setting instanceof Class ? (Class<?>) setting
                : Class.forName(setting.toString().trim(), true, Thread.currentThread().getContextClassLoader());
        if (!RocksDBConfigSetter.class.isAssignableFrom(cls)) {
            throw new ProcessorStateException(ROCKSDB_CONFIG_SETTER_CLASS_CONFIG + " " + cls.getName()
                    + " does not implement " + RocksDBConfigSetter.class.getName());
        }
        return (RocksDBConfigSetter) cls.getDeclaredConstructor().newInstance();
    }

    private <T extends AbstractImmutableNativeReference> T track(T handle) {
        handles.add(handle);
        return handle;
    }

    /** A copy of the native objects this store created; tests check that close released every one. */
    public synchronized List<AbstractImmutableNativeReference> nativeHandles() {
        return new ArrayList<>(handles);
    }

    private void checkOpen() {
        if (!open) throw new InvalidStateStoreException("store " + name + " is closed");
        if (bulkRestore != null && bulkRestore.pending()) writePendingRestore();
    }

    /** Anything but a restored batch first writes the restored records still gathering, so it sees them. */
    private void writePendingRestore() {
        try {
            bulkRestore.write();
        } catch (RocksDBException e) {
            throw new ProcessorStateException("error writing restored records to store " + name, e);
        }
    }

    /**
     * How many bytes of restored records make one table file (default: a memtable's size), and below how many a
     * chunk goes to the memtable instead (default {@link BulkRestore#MIN_FILE_BYTES}); for tests.
     */
    synchronized void restoreChunkBytes(long chunkBytes, long minFileBytes) {
        restoreChunkBytes = chunkBytes;
        restoreMinFileBytes = minFileBytes;
    }

    @Override
    public synchronized byte[] get(Bytes key) {
        checkOpen();
        try {
            return db.get(BytesRanges.requireKey(key).get());
        } catch (RocksDBException e) {
            throw new ProcessorStateException("error reading key from store " + name, e);
        }
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        checkOpen();
        BytesRanges.requireKey(key);
        try {
            if (value == null) db.delete(writeOptions, key.get());
            else db.put(writeOptions, key.get(), value);
        } catch (RocksDBException e) {
            throw new ProcessorStateException("error writing to store " + name, e);
        }
    }

    @Override
    public synchronized byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] old = get(key);
        if (old == null) put(key, value);
        return old;
    }

    @Override
    public synchronized void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        checkOpen();
        try (WriteBatch batch = new WriteBatch()) {
            for (KeyValue<Bytes, byte[]> e : entries) {
                BytesRanges.requireKey(e.key);
                if (e.value == null) batch.delete(e.key.get());
                else batch.put(e.key.get(), e.value);
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new ProcessorStateException("error writing a batch to store " + name, e);
        }
    }

    /** Deletes every key in [from, to) with one range tombstone; versioned stores drop whole segments with it. */
    public synchronized void deleteRange(Bytes from, Bytes to) {
        checkOpen();
        try {
            db.deleteRange(writeOptions, from.get(), to.get());
        } catch (RocksDBException e) {
            throw new ProcessorStateException("error deleting a key range of store " + name, e);
        }
    }

    @Override
    public synchronized void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records,
                                          Function<ConsumerRecord<byte[], byte[]>, byte[]> valueOf) {
        if (!open) throw new InvalidStateStoreException("store " + name + " is closed");
        if (bulkRestore != null) {
            try {
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    bulkRestore.add(Objects.requireNonNull(r.key(), "key cannot be null"), valueOf.apply(r));
                }
            } catch (RocksDBException e) {
                throw new ProcessorStateException("error writing restored records to store " + name, e);
            }
            return;
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                byte[] key = Objects.requireNonNull(r.key(), "key cannot be null");
                byte[] value = valueOf.apply(r);
                if (value == null) batch.delete(key);
                else batch.put(key, value);
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new ProcessorStateException("error writing a restored batch to store " + name, e);
        }
    }

    @Override
    public synchronized byte[] delete(Bytes key) {
        byte[] old = get(key);
        if (old != null) put(key, null);
        return old;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return scan(from, to, true, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return scan(from, to, true, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return scan(null, null, true, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return scan(null, null, true, false);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        byte[] p = prefixKeySerializer.serialize(null, prefix);
        return scan(Bytes.wrap(p), BytesRanges.prefixEnd(p), false, true);
    }

    private synchronized KeyValueIterator<Bytes, byte[]> scan(Bytes lower, Bytes upper, boolean upperInclusive, boolean forward) {
        checkOpen();
        if (upperInclusive && BytesRanges.inverted(lower, upper)) {
            return new SnapshotIterator(name, List.of(), this::isOpen, () -> { });
        }
        RocksDBRangeIterator it = new RocksDBRangeIterator(this, db, lower, upper, upperInclusive, forward);
        openIterators.add(it);
        return it;
    }

    /** The open database, for tests that read RocksDB's own counters. */
    RocksDB db() {
        checkOpen();
        return db;
    }

    void iteratorClosed(RocksDBRangeIterator it) {
        openIterators.remove(it);
    }

    /** Iterators not yet closed by their users. */
    public int openIterators() {
        return openIterators.size();
    }

    @Override
    public synchronized long approximateNumEntries() {
        checkOpen();
        try {
            return db.getLongProperty("rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw new ProcessorStateException("error reading the entry estimate of store " + name, e);
        }
    }

    @Override
    public synchronized void flush() {
        checkOpen();
        try {
            db.flush(flushOptions);
        } catch (RocksDBException e) {
            throw new ProcessorStateException("error flushing store " + name, e);
        }
    }

    /**
     * Restore mode on or off (Kafka Streams' old {@code toggleDbForBulkLoading}). A restore writes the whole
     * changelog tail as fast as it can, so while it runs: no automatic compaction (which would rewrite the same data
     * level by level as it arrives) and no level-0 write slowdown or stop (whose triggers assume compaction is
     * running). Restored records become sorted table files that RocksDB ingests whole ({@link BulkRestore}) instead
     * of memtable inserts. Turning it off writes the records still gathering, restores the triggers and, if the
     * restore left at least as many level-0 files as the slowdown trigger, compacts the whole key range once, so
     * reads after restore do not pay for dozens of overlapping level-0 files; fewer are left to the background
     * compaction.
     */
    public synchronized void toggleDbForBulkLoading(boolean bulkLoading) {
        checkOpen();
        try {
            if (bulkLoading) {
                if (bulkRestore == null) {
                    bulkRestore = new BulkRestore(db, options, writeOptions, dbDir, restoreChunkBytes, restoreMinFileBytes);
                }
                db.setOptions(MutableColumnFamilyOptions.builder()
                        .setDisableAutoCompactions(true)
                        .setLevel0SlowdownWritesTrigger(1 << 30)
                        .setLevel0StopWritesTrigger(1 << 30)
                        .build());
            } else {
                endBulkRestore();
                // counted before compaction is back on, which could start on level 0 and take files from the count
                boolean compact = needsCompactionAfterBulkLoad();
                db.setOptions(MutableColumnFamilyOptions.builder()
                        .setDisableAutoCompactions(options.disableAutoCompactions())
                        .setLevel0SlowdownWritesTrigger(options.level0SlowdownWritesTrigger())
                        .setLevel0StopWritesTrigger(options.level0StopWritesTrigger())
                        .build());
                if (compact) db.compactRange();
            }
        } catch (RocksDBException e) {
            throw new ProcessorStateException("cannot switch bulk loading " + (bulkLoading ? "on" : "off") + " for store " + name, e);
        }
    }

    /** Writes what the bulk load still holds and frees it. */
    private void endBulkRestore() throws RocksDBException {
        if (bulkRestore == null) return;
        try {
            bulkRestore.write();
        } finally {
            restoreFilesIngested += bulkRestore.files();
            bulkRestore.close();
            bulkRestore = null;
        }
    }

    /** Table files restores have ingested into this store since it opened; tests check which path a restore took. */
    synchronized int restoreFilesIngested() {
        return restoreFilesIngested + (bulkRestore == null ? 0 : bulkRestore.files());
    }

    /**
     * Whether the restore left as many level-0 files as normal writing would never reach (the slowdown trigger), which
     * only a full compaction clears before reads pay for them; or the store's options turn automatic compaction off,
     * so nothing else would ever compact them. Otherwise the background compaction that is back on handles them as
     * always: compacting everything anyway cost a restore of 100,000 records a rewrite of all of them for nothing.
     */
    private boolean needsCompactionAfterBulkLoad() throws RocksDBException {
        return options.disableAutoCompactions() || level0FileCount() >= options.level0SlowdownWritesTrigger();
    }

    private long level0FileCount() throws RocksDBException {
        // a string property (the per-level ones are not integer properties)
        return Long.parseLong(db.getProperty("rocksdb.num-files-at-level0").trim());
    }

    /** The number of level-0 files now; tests check when restore compacts them. */
    public synchronized long level0Files() {
        checkOpen();
        try {
            return level0FileCount();
        } catch (RocksDBException e) {
            throw new ProcessorStateException("error reading the level-0 file count of store " + name, e);
        }
    }

    @Override
    public synchronized void close() {
        if (!open) return;
        try {
            endBulkRestore(); // a restore cut short keeps what it applied, as memtable writes would be flushed at close
        } catch (RocksDBException e) {
            throw new ProcessorStateException("error writing restored records to store " + name + " at close", e);
        } finally {
            closeStore();
        }
    }

    private void closeStore() {
        open = false;
        // iterators pin the DB's memory and must go before it; their users get InvalidStateStoreException from now
        for (RocksDBRangeIterator it : openIterators) it.closeNative();
        openIterators.clear();
        closeHandles();
    }

    private void closeHandles() {
        if (db != null) {
            db.close();
        }
        if (configSetter != null) {
            configSetter.close(name, options);
            configSetter = null;
        }
        for (int i = handles.size() - 1; i >= 0; i--) handles.get(i).close();
        db = null;
        options = null;
        writeOptions = null;
        flushOptions = null;
    }
}
