package dev.millrace.streams.state;

import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.internals.CachingKeyValueStore;
import dev.millrace.streams.state.internals.SimpleStateStoreContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

import java.nio.file.Path;
import java.util.Map;

/** Every way of making a bytes key-value store, so each test runs against all of them. */
public enum StoreKind {
    ROCKSDB(true) {
        @Override
        KeyValueStore<Bytes, byte[]> make(String name) {
            return Stores.persistentKeyValueStore(name).get();
        }
    },
    /** The timestamped supplier's engine: values are opaque bytes to it, so it must behave as ROCKSDB. */
    TIMESTAMPED_ROCKSDB(true) {
        @Override
        KeyValueStore<Bytes, byte[]> make(String name) {
            return Stores.persistentTimestampedKeyValueStore(name).get();
        }
    },
    IN_MEMORY(true) {
        @Override
        KeyValueStore<Bytes, byte[]> make(String name) {
            return Stores.inMemoryKeyValueStore(name).get();
        }
    },
    /** Large enough never to evict, so it must behave exactly as a map. */
    LRU(true) {
        @Override
        KeyValueStore<Bytes, byte[]> make(String name) {
            return Stores.lruMap(name, 100_000).get();
        }
    },
    /** The builder's serde layer over RocksDB, with pass-through serdes: same bytes, one more layer. */
    BUILT_ROCKSDB(false) {
        @Override
        KeyValueStore<Bytes, byte[]> make(String name) {
            return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                    .withLoggingDisabled().build();
        }
    },
    BUILT_IN_MEMORY(false) {
        @Override
        KeyValueStore<Bytes, byte[]> make(String name) {
            return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                    .withLoggingDisabled().build();
        }
    },
    /** Record cache over RocksDB with a budget of a few entries, so evictions write through all the time. */
    CACHED_ROCKSDB_TINY(false) {
        @Override
        KeyValueStore<Bytes, byte[]> make(String name) {
            return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                    .withCachingEnabled().withLoggingDisabled().build();
        }

        @Override
        Map<String, Object> configs() {
            return Map.of(CachingKeyValueStore.CACHE_MAX_BYTES_CONFIG, 400);
        }
    },
    /** Record cache with the default budget: nothing is evicted, writes reach the store only on flush. */
    CACHED_IN_MEMORY(false) {
        @Override
        KeyValueStore<Bytes, byte[]> make(String name) {
            return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                    .withCachingEnabled().withLoggingDisabled().build();
        }
    };

    final boolean raw;

    StoreKind(boolean raw) {
        this.raw = raw;
    }

    abstract KeyValueStore<Bytes, byte[]> make(String name);

    /** RocksDB estimates; a cache counts only what it has flushed, as in Kafka Streams. */
    boolean exactCount() {
        return this == IN_MEMORY || this == LRU || this == BUILT_IN_MEMORY;
    }

    Map<String, Object> configs() {
        return Map.of();
    }

    static StateStoreContext context(Path stateRoot) {
        return new SimpleStateStoreContext("app", new TaskId(0, 1), stateRoot.toFile(), Map.of());
    }

    KeyValueStore<Bytes, byte[]> open(String name, Path stateRoot) {
        KeyValueStore<Bytes, byte[]> store = make(name);
        store.init(new SimpleStateStoreContext("app", new TaskId(0, 1), stateRoot.toFile(), configs()), store);
        return store;
    }
}
