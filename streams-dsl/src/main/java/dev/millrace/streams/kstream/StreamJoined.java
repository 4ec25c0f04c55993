package dev.millrace.streams.kstream;

import dev.millrace.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.common.serialization.Serde;

import java.util.HashMap;
import java.util.Map;

/**
 * Options of a stream-stream join, as Kafka Streams' {@code StreamJoined}: serdes of the key and both values (null:
 * the stream's or the default), a name for the join's processors and repartition topics, a base name for its stores
 * or suppliers for its two window stores (which must retain duplicates and match the join window), and the changelog
 * flags. Immutable: each {@code with...} returns a copy.
 */
public class StreamJoined<K, V1, V2> {
    protected final Serde<K> keySerde;
    protected final Serde<V1> valueSerde;
    protected final Serde<V2> otherValueSerde;
    protected final WindowBytesStoreSupplier thisStoreSupplier;
    protected final WindowBytesStoreSupplier otherStoreSupplier;
    protected final String name;
    protected final String storeName;
    protected final boolean loggingEnabled;
    protected final Map<String, String> topicConfig;

    protected StreamJoined(StreamJoined<K, V1, V2> other) {
        this(other.keySerde, other.valueSerde, other.otherValueSerde, other.thisStoreSupplier, other.otherStoreSupplier,
                other.name, other.storeName, other.loggingEnabled, other.topicConfig);
    }

    private StreamJoined(Serde<K> keySerde, Serde<V1> valueSerde, Serde<V2> otherValueSerde,
                         WindowBytesStoreSupplier thisStoreSupplier, WindowBytesStoreSupplier otherStoreSupplier,
                         String name, String storeName, boolean loggingEnabled, Map<String, String> topicConfig) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
        this.thisStoreSupplier = thisStoreSupplier;
        this.otherStoreSupplier = otherStoreSupplier;
        this.name = name;
        this.storeName = storeName;
        this.loggingEnabled = loggingEnabled;
        this.topicConfig = topicConfig;
    }

    public static <K, V1, V2> StreamJoined<K, V1, V2> with(WindowBytesStoreSupplier storeSupplier,
                                                           WindowBytesStoreSupplier otherStoreSupplier) {
        return new StreamJoined<>(null, null, null, storeSupplier, otherStoreSupplier, null, null, true, new HashMap<>());
    }

    public static <K, V1, V2> StreamJoined<K, V1, V2> as(String storeName) {
        return new StreamJoined<>(null, null, null, null, null, null, storeName, true, new HashMap<>());
    }

    public static <K, V1, V2> StreamJoined<K, V1, V2> with(Serde<K> keySerde, Serde<V1> valueSerde, Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, null, null, null, null, true, new HashMap<>());
    }

    public StreamJoined<K, V1, V2> withName(String name) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withStoreName(String storeName) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withKeySerde(Serde<K> keySerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withValueSerde(Serde<V1> valueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withOtherValueSerde(Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withThisStoreSupplier(WindowBytesStoreSupplier thisStoreSupplier) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withOtherStoreSupplier(WindowBytesStoreSupplier otherStoreSupplier) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    /** Changelogs on (the default), created with these topic configs; window stores' changelogs stay {@code delete}. */
    public StreamJoined<K, V1, V2> withLoggingEnabled(Map<String, String> config) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, true, config);
    }

    public StreamJoined<K, V1, V2> withLoggingDisabled() {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, false, new HashMap<>());
    }

    @Override
    public String toString() {
        return "StreamJoin{keySerde=" + keySerde + ", valueSerde=" + valueSerde + ", otherValueSerde=" + otherValueSerde
                + ", thisStoreSupplier=" + thisStoreSupplier + ", otherStoreSupplier=" + otherStoreSupplier
                + ", name='" + name + "', storeName='" + storeName + "', loggingEnabled=" + loggingEnabled
                + ", topicConfig=" + topicConfig + '}';
    }
}
