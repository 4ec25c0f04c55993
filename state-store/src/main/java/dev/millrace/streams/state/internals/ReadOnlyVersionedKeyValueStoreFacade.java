package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.VersionedKeyValueStore;
import dev.millrace.streams.state.VersionedRecord;

import java.util.Objects;

/**
 * The interactive-query view of a versioned store: the latest version and the version as of a timestamp, nothing
 * that writes. Kafka Streams queries versioned stores through IQv2's {@code VersionedKeyQuery}, which answers the
 * same two questions.
 */
public final class ReadOnlyVersionedKeyValueStoreFacade<K, V> {
    private final VersionedKeyValueStore<K, V> store;

    public ReadOnlyVersionedKeyValueStoreFacade(VersionedKeyValueStore<K, V> store) {
        this.store = Objects.requireNonNull(store, "store cannot be null");
    }

    public String name() {
        return store.name();
    }

    /** The latest version of {@code key}, or null. */
    public VersionedRecord<V> get(K key) {
        return store.get(key);
    }

    /** The version valid at {@code asOfTimestamp} (inclusive), or null; see {@link VersionedKeyValueStore#get(Object, long)}. */
    public VersionedRecord<V> get(K key, long asOfTimestamp) {
        return store.get(key, asOfTimestamp);
    }
}
