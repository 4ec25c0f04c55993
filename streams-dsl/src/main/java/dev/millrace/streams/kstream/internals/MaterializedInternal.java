package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.state.KeyValueBytesStoreSupplier;
import dev.millrace.streams.state.SessionBytesStoreSupplier;
import dev.millrace.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.common.serialization.Serde;

import java.time.Duration;
import java.util.Map;

/**
 * A {@link Materialized} the DSL reads. A store without a user-given name gets a generated one
 * ({@code <prefix>STATE-STORE-<n>}), taken from the same counter as node names, so it is not queryable.
 */
final class MaterializedInternal<K, V, S extends StateStore> extends Materialized<K, V, S> {
    private final boolean queryable;

    MaterializedInternal(Materialized<K, V, S> materialized) {
        this(materialized, null, null);
    }

    MaterializedInternal(Materialized<K, V, S> materialized, InternalStreamsBuilder builder, String generatedStorePrefix) {
        super(materialized);
        queryable = storeName() != null;
        if (!queryable && builder != null) storeName = builder.newStoreName(generatedStorePrefix);
    }

    String storeName() {
        if (storeSupplier != null) return storeSupplier.name();
        if (windowStoreSupplier != null) return windowStoreSupplier.name();
        if (sessionStoreSupplier != null) return sessionStoreSupplier.name();
        return storeName;
    }

    String queryableStoreName() {
        return queryable ? storeName() : null;
    }

    KeyValueBytesStoreSupplier storeSupplier() {
        return storeSupplier;
    }

    WindowBytesStoreSupplier windowStoreSupplier() {
        return windowStoreSupplier;
    }

    SessionBytesStoreSupplier sessionStoreSupplier() {
        return sessionStoreSupplier;
    }

    Duration retention() {
        return retention;
    }

    Serde<K> keySerde() {
        return keySerde;
    }

    Serde<V> valueSerde() {
        return valueSerde;
    }

    boolean loggingEnabled() {
        return loggingEnabled;
    }

    boolean cachingEnabled() {
        return cachingEnabled;
    }

    Map<String, String> logConfig() {
        return topicConfig;
    }
}
