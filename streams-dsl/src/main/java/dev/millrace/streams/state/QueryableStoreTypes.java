package dev.millrace.streams.state;

import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.state.internals.CompositeReadOnlyKeyValueStore;
import dev.millrace.streams.state.internals.CompositeReadOnlySessionStore;
import dev.millrace.streams.state.internals.CompositeReadOnlyWindowStore;
import dev.millrace.streams.state.internals.StateStoreProvider;

import java.util.List;

/**
 * The store kinds {@code KafkaStreams#store} understands, as Kafka Streams' class: each accepts a store whose class
 * implements all of its interfaces, and answers with a composite view over the store of every local task. A
 * timestamped store asked for as a plain one answers plain values.
 */
public final class QueryableStoreTypes {
    private QueryableStoreTypes() {
    }

    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, V>> keyValueStore() {
        return new KeyValueStoreType<>();
    }

    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>> timestampedKeyValueStore() {
        return new TimestampedKeyValueStoreType<>();
    }

    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, V>> windowStore() {
        return new WindowStoreType<>();
    }

    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, ValueAndTimestamp<V>>> timestampedWindowStore() {
        return new TimestampedWindowStoreType<>();
    }

    public static <K, V> QueryableStoreType<ReadOnlySessionStore<K, V>> sessionStore() {
        return new SessionStoreType<>();
    }

    private abstract static class QueryableStoreTypeMatcher<T> implements QueryableStoreType<T> {
        private final List<Class<?>> matchTo;

        QueryableStoreTypeMatcher(List<Class<?>> matchTo) {
            this.matchTo = matchTo;
        }

        @Override
        public boolean accepts(StateStore stateStore) {
            for (Class<?> c : matchTo) {
                if (!c.isAssignableFrom(stateStore.getClass())) return false;
            }
            return true;
        }
    }

    public static class KeyValueStoreType<K, V> extends QueryableStoreTypeMatcher<ReadOnlyKeyValueStore<K, V>> {
        KeyValueStoreType() {
            super(List.of(ReadOnlyKeyValueStore.class));
        }

        @Override
        public ReadOnlyKeyValueStore<K, V> create(StateStoreProvider storeProvider, String storeName) {
            return new CompositeReadOnlyKeyValueStore<>(storeProvider, this, storeName);
        }
    }

    private static class TimestampedKeyValueStoreType<K, V> extends QueryableStoreTypeMatcher<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>> {
        TimestampedKeyValueStoreType() {
            super(List.of(TimestampedKeyValueStore.class, ReadOnlyKeyValueStore.class));
        }

        @Override
        public ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>> create(StateStoreProvider storeProvider, String storeName) {
            return new CompositeReadOnlyKeyValueStore<>(storeProvider, this, storeName);
        }
    }

    public static class WindowStoreType<K, V> extends QueryableStoreTypeMatcher<ReadOnlyWindowStore<K, V>> {
        WindowStoreType() {
            super(List.of(ReadOnlyWindowStore.class));
        }

        @Override
        public ReadOnlyWindowStore<K, V> create(StateStoreProvider storeProvider, String storeName) {
            return new CompositeReadOnlyWindowStore<>(storeProvider, this, storeName);
        }
    }

    private static class TimestampedWindowStoreType<K, V> extends QueryableStoreTypeMatcher<ReadOnlyWindowStore<K, ValueAndTimestamp<V>>> {
        TimestampedWindowStoreType() {
            super(List.of(TimestampedWindowStore.class, ReadOnlyWindowStore.class));
        }

        @Override
        public ReadOnlyWindowStore<K, ValueAndTimestamp<V>> create(StateStoreProvider storeProvider, String storeName) {
            return new CompositeReadOnlyWindowStore<>(storeProvider, this, storeName);
        }
    }

    public static class SessionStoreType<K, V> extends QueryableStoreTypeMatcher<ReadOnlySessionStore<K, V>> {
        SessionStoreType() {
            super(List.of(ReadOnlySessionStore.class));
        }

        @Override
        public ReadOnlySessionStore<K, V> create(StateStoreProvider storeProvider, String storeName) {
            return new CompositeReadOnlySessionStore<>(storeProvider, this, storeName);
        }
    }
}
