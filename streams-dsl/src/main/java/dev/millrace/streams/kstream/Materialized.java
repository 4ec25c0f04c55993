package dev.millrace.streams.kstream;

import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.state.KeyValueBytesStoreSupplier;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.SessionBytesStoreSupplier;
import dev.millrace.streams.state.SessionStore;
import dev.millrace.streams.state.WindowBytesStoreSupplier;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a table's store is made: its name (which makes it queryable and names its changelog), serdes, engine, and
 * whether it is cached and logged. Defaults as Kafka Streams: RocksDB, caching on, logging on; an in-memory store comes
 * from a supplier, {@code Materialized.as(Stores.inMemoryKeyValueStore(name))}.
 */
public class Materialized<K, V, S extends StateStore> {
    /**
     * Storage engines by name, as Kafka Streams' enum. Choosing one per table (Kafka's {@code DslStoreSuppliers})
     * is not implemented yet: give a supplier ({@code Stores.inMemoryKeyValueStore}) instead.
     */
    public enum StoreType {
        ROCKS_DB,
        IN_MEMORY
    }

    protected KeyValueBytesStoreSupplier storeSupplier;
    protected WindowBytesStoreSupplier windowStoreSupplier;
    protected SessionBytesStoreSupplier sessionStoreSupplier;
    /** A window or session store's retention; null: the windows' size (or gap) plus grace. */
    protected Duration retention;
    protected String storeName;
    protected Serde<K> keySerde;
    protected Serde<V> valueSerde;
    protected boolean loggingEnabled = true;
    protected boolean cachingEnabled = true;
    protected Map<String, String> topicConfig = new HashMap<>();

    private Materialized(KeyValueBytesStoreSupplier storeSupplier) {
        this.storeSupplier = storeSupplier;
    }

    private Materialized(String storeName) {
        this.storeName = storeName;
    }

    /** A copy, for the DSL's internals. */
    protected Materialized(Materialized<K, V, S> materialized) {
        this.storeSupplier = materialized.storeSupplier;
        this.windowStoreSupplier = materialized.windowStoreSupplier;
        this.sessionStoreSupplier = materialized.sessionStoreSupplier;
        this.retention = materialized.retention;
        this.storeName = materialized.storeName;
        this.keySerde = materialized.keySerde;
        this.valueSerde = materialized.valueSerde;
        this.loggingEnabled = materialized.loggingEnabled;
        this.cachingEnabled = materialized.cachingEnabled;
        this.topicConfig = materialized.topicConfig;
    }

    public static <K, V, S extends StateStore> Materialized<K, V, S> as(String storeName) {
        Named.validate(Objects.requireNonNull(storeName, "storeName can't be null"));
        return new Materialized<>(storeName);
    }

    public static <K, V> Materialized<K, V, KeyValueStore<Bytes, byte[]>> as(KeyValueBytesStoreSupplier supplier) {
        return new Materialized<>(Objects.requireNonNull(supplier, "supplier can't be null"));
    }

    public static <K, V> Materialized<K, V, WindowStore<Bytes, byte[]>> as(WindowBytesStoreSupplier supplier) {
        Materialized<K, V, WindowStore<Bytes, byte[]>> m = new Materialized<>((String) null);
        m.windowStoreSupplier = Objects.requireNonNull(supplier, "supplier can't be null");
        return m;
    }

    public static <K, V> Materialized<K, V, SessionStore<Bytes, byte[]>> as(SessionBytesStoreSupplier supplier) {
        Materialized<K, V, SessionStore<Bytes, byte[]>> m = new Materialized<>((String) null);
        m.sessionStoreSupplier = Objects.requireNonNull(supplier, "supplier can't be null");
        return m;
    }

    public static <K, V, S extends StateStore> Materialized<K, V, S> with(Serde<K> keySerde, Serde<V> valueSerde) {
        Materialized<K, V, S> m = new Materialized<>((String) null);
        m.keySerde = keySerde;
        m.valueSerde = valueSerde;
        return m;
    }

    public Materialized<K, V, S> withValueSerde(Serde<V> valueSerde) {
        this.valueSerde = valueSerde;
        return this;
    }

    public Materialized<K, V, S> withKeySerde(Serde<K> keySerde) {
        this.keySerde = keySerde;
        return this;
    }

    public Materialized<K, V, S> withLoggingEnabled(Map<String, String> config) {
        this.loggingEnabled = true;
        this.topicConfig = config;
        return this;
    }

    public Materialized<K, V, S> withLoggingDisabled() {
        this.loggingEnabled = false;
        this.topicConfig.clear();
        return this;
    }

    public Materialized<K, V, S> withCachingEnabled() {
        this.cachingEnabled = true;
        return this;
    }

    /**
     * How long a window or session store keeps windows; it must cover the window size (or gap) plus the grace
     * period, checked when the aggregation is built. Ignored by key-value stores.
     */
    public Materialized<K, V, S> withRetention(Duration retention) {
        String prefix = "Invalid value for parameter \"retention\" (value was: " + retention + "). ";
        Objects.requireNonNull(retention, prefix + "It shouldn't be null.");
        if (retention.toMillis() < 0) throw new IllegalArgumentException("Retention must not be negative.");
        this.retention = retention;
        return this;
    }

    public Materialized<K, V, S> withCachingDisabled() {
        this.cachingEnabled = false;
        return this;
    }
}
