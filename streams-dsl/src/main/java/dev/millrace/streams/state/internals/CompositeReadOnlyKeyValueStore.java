package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.QueryableStoreType;
import dev.millrace.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.common.serialization.Serializer;

import java.util.List;
import java.util.Objects;

/**
 * The key-value store of a name across every local task, as Kafka Streams' class: {@code get} asks the tasks' stores
 * in turn (a key lives in one partition), ranges run through each store's range one after the other (not merged),
 * {@code approximateNumEntries} sums them (capped at {@code Long.MAX_VALUE}). The stores are looked up again on each
 * call, so the view follows rebalances.
 */
public class CompositeReadOnlyKeyValueStore<K, V> implements ReadOnlyKeyValueStore<K, V> {
    private final StateStoreProvider storeProvider;
    private final QueryableStoreType<ReadOnlyKeyValueStore<K, V>> storeType;
    private final String storeName;

    public CompositeReadOnlyKeyValueStore(StateStoreProvider storeProvider, QueryableStoreType<ReadOnlyKeyValueStore<K, V>> storeType,
                                          String storeName) {
        this.storeProvider = storeProvider;
        this.storeType = storeType;
        this.storeName = storeName;
    }

    private List<ReadOnlyKeyValueStore<K, V>> stores() {
        return storeProvider.stores(storeName, storeType);
    }

    @Override
    public V get(K key) {
        Objects.requireNonNull(key);
        return CompositeReads.firstNonNull(stores(), s -> s.get(key), CompositeReads::migrated);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return CompositeReads.concat(stores(), s -> s.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return CompositeReads.concat(stores(), s -> s.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return CompositeReads.concat(stores(), ReadOnlyKeyValueStore::all);
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return CompositeReads.concat(stores(), ReadOnlyKeyValueStore::reverseAll);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        Objects.requireNonNull(prefix);
        Objects.requireNonNull(prefixKeySerializer);
        return CompositeReads.concat(stores(), s -> s.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        long total = 0;
        for (ReadOnlyKeyValueStore<K, V> store : stores()) {
            total += store.approximateNumEntries();
            if (total < 0) return Long.MAX_VALUE;
        }
        return total;
    }
}
