/**
 * State stores, mirroring {@code org.apache.kafka.streams.state} class for class: the store interfaces
 * ({@link dev.millrace.streams.state.KeyValueStore}, {@link dev.millrace.streams.state.ReadOnlyKeyValueStore},
 * {@link dev.millrace.streams.state.KeyValueIterator}, {@link dev.millrace.streams.state.TimestampedKeyValueStore},
 * {@link dev.millrace.streams.state.WindowStore}, {@link dev.millrace.streams.state.TimestampedWindowStore},
 * {@link dev.millrace.streams.state.SessionStore} and their read-only sides and suppliers), the
 * {@link dev.millrace.streams.state.Stores} factory and its builders, and the {@link dev.millrace.streams.state.RocksDBConfigSetter} hook.
 * The versioned store
 * ({@link dev.millrace.streams.state.VersionedKeyValueStore}, {@link dev.millrace.streams.state.VersionedRecord},
 * {@link dev.millrace.streams.state.VersionedBytesStoreSupplier}) keeps each key's values by timestamp. Implementations live in
 * {@code internals}, which applications never import.
 */
package dev.millrace.streams.state;
