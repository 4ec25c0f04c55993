package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.SessionStore;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

import java.time.Duration;
import java.util.Map;

/** Every way of making a bytes window or session store that the model tests run against. */
final class WindowedStoreKind {
    private WindowedStoreKind() {
    }

    /** Small segments (100 ms, retention 600 ms) so that segments roll and expire all the time. */
    static final WindowStoreModel.Spec SMALL_ROCKS = new WindowStoreModel.Spec(true, 600, 50, 100, false);
    static final WindowStoreModel.Spec SMALL_ROCKS_DUPS = new WindowStoreModel.Spec(true, 600, 50, 100, true);
    /** Kafka Streams' defaults through Stores: retention 3 min, segments of 90 s. */
    static final WindowStoreModel.Spec STORES_ROCKS = new WindowStoreModel.Spec(true, 180_000, 10_000, 90_000, false);
    static final WindowStoreModel.Spec STORES_ROCKS_DUPS = new WindowStoreModel.Spec(true, 180_000, 10_000, 90_000, true);
    static final WindowStoreModel.Spec IN_MEMORY = new WindowStoreModel.Spec(false, 600, 50, 100, false);
    static final WindowStoreModel.Spec IN_MEMORY_DUPS = new WindowStoreModel.Spec(false, 600, 50, 100, true);

    enum Window {
        ROCKSDB(SMALL_ROCKS) {
            @Override
            WindowStore<Bytes, byte[]> make(String name, boolean logged) {
                WindowStore<Bytes, byte[]> s = new RocksDBWindowStore(name, 600, 100, 50, false);
                return logged ? new ChangeLoggingWindowBytesStore(s, false, 600, Map.of()) : s;
            }
        },
        ROCKSDB_DUPS(SMALL_ROCKS_DUPS) {
            @Override
            WindowStore<Bytes, byte[]> make(String name, boolean logged) {
                WindowStore<Bytes, byte[]> s = new RocksDBWindowStore(name, 600, 100, 50, true);
                return logged ? new ChangeLoggingWindowBytesStore(s, true, 600, Map.of()) : s;
            }
        },
        /** The timestamped engine treats values as opaque bytes, so it must behave as ROCKSDB. */
        TIMESTAMPED_ROCKSDB(SMALL_ROCKS) {
            @Override
            WindowStore<Bytes, byte[]> make(String name, boolean logged) {
                WindowStore<Bytes, byte[]> s = new RocksDBTimestampedWindowStore(name, 600, 100, 50, false);
                return logged ? new ChangeLoggingWindowBytesStore(s, false, 600, Map.of()) : s;
            }
        },
        BUILT_ROCKSDB(STORES_ROCKS) {
            @Override
            WindowStore<Bytes, byte[]> make(String name, boolean logged) {
                var b = Stores.windowStoreBuilder(Stores.persistentWindowStore(name, Duration.ofMinutes(3), Duration.ofSeconds(10), false),
                        Serdes.Bytes(), Serdes.ByteArray());
                return (logged ? b : b.withLoggingDisabled()).build();
            }
        },
        BUILT_ROCKSDB_DUPS(STORES_ROCKS_DUPS) {
            @Override
            WindowStore<Bytes, byte[]> make(String name, boolean logged) {
                var b = Stores.windowStoreBuilder(Stores.persistentWindowStore(name, Duration.ofMinutes(3), Duration.ofSeconds(10), true),
                        Serdes.Bytes(), Serdes.ByteArray());
                return (logged ? b : b.withLoggingDisabled()).build();
            }
        },
        /** Write cache over RocksDB with a budget of a few entries: writes go down all the time, in bursts. */
        CACHED_ROCKSDB_TINY(STORES_ROCKS) {
            @Override
            WindowStore<Bytes, byte[]> make(String name, boolean logged) {
                var b = Stores.windowStoreBuilder(Stores.persistentWindowStore(name, Duration.ofMinutes(3), Duration.ofSeconds(10), false),
                        Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled();
                return (logged ? b : b.withLoggingDisabled()).build();
            }

            @Override
            Map<String, Object> configs() {
                return Map.of(CachingKeyValueStore.CACHE_MAX_BYTES_CONFIG, 600);
            }
        },
        /** Write cache with the default budget over the heap store: nothing goes down before a flush. */
        CACHED_IN_MEMORY(WindowedStoreKind.IN_MEMORY) {
            @Override
            WindowStore<Bytes, byte[]> make(String name, boolean logged) {
                var b = Stores.windowStoreBuilder(Stores.inMemoryWindowStore(name, Duration.ofMillis(600), Duration.ofMillis(50), false),
                        Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled();
                return (logged ? b : b.withLoggingDisabled()).build();
            }
        },
        IN_MEMORY(WindowedStoreKind.IN_MEMORY) {
            @Override
            WindowStore<Bytes, byte[]> make(String name, boolean logged) {
                var b = Stores.windowStoreBuilder(Stores.inMemoryWindowStore(name, Duration.ofMillis(600), Duration.ofMillis(50), false),
                        Serdes.Bytes(), Serdes.ByteArray());
                return (logged ? b : b.withLoggingDisabled()).build();
            }
        },
        IN_MEMORY_DUPS(WindowedStoreKind.IN_MEMORY_DUPS) {
            @Override
            WindowStore<Bytes, byte[]> make(String name, boolean logged) {
                var b = Stores.windowStoreBuilder(Stores.inMemoryWindowStore(name, Duration.ofMillis(600), Duration.ofMillis(50), true),
                        Serdes.Bytes(), Serdes.ByteArray());
                return (logged ? b : b.withLoggingDisabled()).build();
            }
        };

        final WindowStoreModel.Spec spec;

        Window(WindowStoreModel.Spec spec) {
            this.spec = spec;
        }

        abstract WindowStore<Bytes, byte[]> make(String name, boolean logged);

        Map<String, Object> configs() {
            return Map.of();
        }
    }

    enum Session {
        /** Small segments (100 ms, retention 600 ms). */
        ROCKSDB(new SessionStoreModel.Spec(true, 600, 100)) {
            @Override
            SessionStore<Bytes, byte[]> make(String name, boolean logged) {
                SessionStore<Bytes, byte[]> s = new RocksDBSessionStore(name, 600, 100);
                return logged ? new ChangeLoggingSessionBytesStore(s, 600, Map.of()) : s;
            }
        },
        BUILT_ROCKSDB(new SessionStoreModel.Spec(true, 180_000, 90_000)) {
            @Override
            SessionStore<Bytes, byte[]> make(String name, boolean logged) {
                var b = Stores.sessionStoreBuilder(Stores.persistentSessionStore(name, Duration.ofMinutes(3)), Serdes.Bytes(), Serdes.ByteArray());
                return (logged ? b : b.withLoggingDisabled()).build();
            }
        },
        CACHED_ROCKSDB_TINY(new SessionStoreModel.Spec(true, 180_000, 90_000)) {
            @Override
            SessionStore<Bytes, byte[]> make(String name, boolean logged) {
                var b = Stores.sessionStoreBuilder(Stores.persistentSessionStore(name, Duration.ofMinutes(3)), Serdes.Bytes(), Serdes.ByteArray())
                        .withCachingEnabled();
                return (logged ? b : b.withLoggingDisabled()).build();
            }

            @Override
            Map<String, Object> configs() {
                return Map.of(CachingKeyValueStore.CACHE_MAX_BYTES_CONFIG, 600);
            }
        },
        CACHED_IN_MEMORY(new SessionStoreModel.Spec(false, 600, 100)) {
            @Override
            SessionStore<Bytes, byte[]> make(String name, boolean logged) {
                var b = Stores.sessionStoreBuilder(Stores.inMemorySessionStore(name, Duration.ofMillis(600)), Serdes.Bytes(), Serdes.ByteArray())
                        .withCachingEnabled();
                return (logged ? b : b.withLoggingDisabled()).build();
            }
        },
        IN_MEMORY(new SessionStoreModel.Spec(false, 600, 100)) {
            @Override
            SessionStore<Bytes, byte[]> make(String name, boolean logged) {
                var b = Stores.sessionStoreBuilder(Stores.inMemorySessionStore(name, Duration.ofMillis(600)), Serdes.Bytes(), Serdes.ByteArray());
                return (logged ? b : b.withLoggingDisabled()).build();
            }
        };

        final SessionStoreModel.Spec spec;

        Session(SessionStoreModel.Spec spec) {
            this.spec = spec;
        }

        abstract SessionStore<Bytes, byte[]> make(String name, boolean logged);

        Map<String, Object> configs() {
            return Map.of();
        }
    }
}
