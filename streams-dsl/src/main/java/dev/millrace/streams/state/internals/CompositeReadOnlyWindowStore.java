package dev.millrace.streams.state.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.QueryableStoreType;
import dev.millrace.streams.state.ReadOnlyWindowStore;
import dev.millrace.streams.state.WindowStoreIterator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The window store of a name across every local task, as Kafka Streams' class: single-key reads answer from the
 * first store that has the key, key and time ranges run through every store in turn.
 */
public class CompositeReadOnlyWindowStore<K, V> implements ReadOnlyWindowStore<K, V> {
    private final StateStoreProvider provider;
    private final QueryableStoreType<ReadOnlyWindowStore<K, V>> windowStoreType;
    private final String storeName;

    public CompositeReadOnlyWindowStore(StateStoreProvider provider, QueryableStoreType<ReadOnlyWindowStore<K, V>> windowStoreType,
                                        String storeName) {
        this.provider = provider;
        this.windowStoreType = windowStoreType;
        this.storeName = storeName;
    }

    private List<ReadOnlyWindowStore<K, V>> stores() {
        return provider.stores(storeName, windowStoreType);
    }

    @Override
    public V fetch(K key, long time) {
        Objects.requireNonNull(key, "key can't be null");
        return CompositeReads.firstNonNull(stores(), s -> s.fetch(key, time), CompositeReads::migrated);
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, Instant timeFrom, Instant timeTo) {
        Objects.requireNonNull(key, "key can't be null");
        WindowStoreIterator<V> it = CompositeReads.firstNonEmpty(stores(), s -> s.fetch(key, timeFrom, timeTo), CompositeReads::migrated);
        return it != null ? it : CompositeReads.emptyWindowStoreIterator();
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, Instant timeFrom, Instant timeTo) {
        Objects.requireNonNull(key, "key can't be null");
        WindowStoreIterator<V> it = CompositeReads.firstNonEmpty(stores(), s -> s.backwardFetch(key, timeFrom, timeTo), CompositeReads::migrated);
        return it != null ? it : CompositeReads.emptyWindowStoreIterator();
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return CompositeReads.concat(stores(), s -> s.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, Instant timeFrom, Instant timeTo) {
        return CompositeReads.concat(stores(), s -> s.backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return CompositeReads.concat(stores(), ReadOnlyWindowStore::all);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return CompositeReads.concat(stores(), ReadOnlyWindowStore::backwardAll);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(Instant timeFrom, Instant timeTo) {
        return CompositeReads.concat(stores(), s -> s.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(Instant timeFrom, Instant timeTo) {
        return CompositeReads.concat(stores(), s -> s.backwardFetchAll(timeFrom, timeTo));
    }
}
