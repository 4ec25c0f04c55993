/**
 * Store implementations: the bytes storage engines ({@link dev.millrace.streams.state.internals.RocksDBStore},
 * {@link dev.millrace.streams.state.internals.InMemoryKeyValueStore},
 * {@link dev.millrace.streams.state.internals.MemoryLRUCache}) and the layers the builders wrap around them
 * ({@link dev.millrace.streams.state.internals.MeteredKeyValueStore} for serdes). Window and session stores have
 * the same layers over time-segmented RocksDB databases
 * ({@link dev.millrace.streams.state.internals.RocksDBSegmentedBytesStore}, keys in
 * {@link dev.millrace.streams.state.internals.WindowKeySchema} / {@link dev.millrace.streams.state.internals.SessionKeySchema}
 * layouts) or sorted heap maps. The serde and caching layers, the window, session and versioned changelog layers and
 * the timestamped adapters extend {@link dev.millrace.streams.state.internals.WrappedStateStore}; the serde layers share {@code MeteredStore}, the caching layers {@code CachingStore} (window and session:
 * {@code CachingSegmentedStore}), the window and session changelog layers {@code ChangeLoggingSegmentedStore}, and the
 * RocksDB window and session stores {@code RocksDBSegmentedStore}, so each class keeps only its store type's
 * operations. The versioned store
 * ({@link dev.millrace.streams.state.internals.RocksDBVersionedStore} and its layers); the per-thread record cache
 * ({@link dev.millrace.streams.state.internals.ThreadCache}) that key-value, window and session caching layers share;
 * the read-only views for interactive queries; the store
 * contexts, and {@link dev.millrace.streams.state.internals.StandbyUpdater}, which keeps standby stores warm from their
 * changelogs. Applications never import this
 * package; the Streams runtime and tests do.
 */
package dev.millrace.streams.state.internals;
