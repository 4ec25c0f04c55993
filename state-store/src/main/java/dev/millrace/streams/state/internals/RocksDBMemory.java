package dev.millrace.streams.state.internals;

import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The process-wide memory budget every RocksDB store shares by default, so that many stores (one per task and store
 * name) cannot together exhaust RAM: one block cache, and a write buffer manager that charges memtables to that same
 * cache. Kafka Streams leaves this to a user's config setter; we make it the default.
 *
 * <p>Sizes come from system properties read once, on first use: {@code millrace.rocksdb.block.cache.bytes}
 * (default 64 MiB, the total) and {@code millrace.rocksdb.write.buffer.bytes} (default 32 MiB of it for memtables:
 * two stores' full 16 MiB memtables before the largest is flushed early).
 * The objects live as long as the process; stores only reference them, so closing a store never frees them.
 */
public final class RocksDBMemory {
    public static final long DEFAULT_BLOCK_CACHE_BYTES = 64L << 20;
    public static final long DEFAULT_WRITE_BUFFER_BYTES = 32L << 20;
    /** Each store's memtable size (RocksDB's write_buffer_size); a config setter may change it per store. */
    public static final long MEMTABLE_BYTES = 16L << 20;

    private static final class Holder {
        static final RocksDBMemory INSTANCE = new RocksDBMemory(
                Long.getLong("millrace.rocksdb.block.cache.bytes", DEFAULT_BLOCK_CACHE_BYTES),
                Long.getLong("millrace.rocksdb.write.buffer.bytes", DEFAULT_WRITE_BUFFER_BYTES));
    }

    private final Cache cache;
    private final WriteBufferManager writeBufferManager;

    private RocksDBMemory(long cacheBytes, long writeBufferBytes) {
        RocksDB.loadLibrary();
        // -1: let RocksDB choose the shard count; not strict, so a full cache slows reads instead of failing them;
        // 0.1 of the cache is kept for index and filter blocks, which every read needs
        this.cache = new LRUCache(cacheBytes, -1, false, 0.1);
        this.writeBufferManager = new WriteBufferManager(writeBufferBytes, cache);
    }

    public static RocksDBMemory shared() {
        return Holder.INSTANCE;
    }

    public Cache cache() {
        return cache;
    }

    public WriteBufferManager writeBufferManager() {
        return writeBufferManager;
    }
}
