package dev.millrace.streams.kstream;

import org.apache.kafka.common.serialization.Serde;

/** How a stream is written to a topic: its serdes and the sink node's name. */
public class Produced<K, V> {
    protected Serde<K> keySerde;
    protected Serde<V> valueSerde;
    protected String processorName;

    protected Produced(Serde<K> keySerde, Serde<V> valueSerde, String processorName) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.processorName = processorName;
    }

    protected Produced(Produced<K, V> produced) {
        this(produced.keySerde, produced.valueSerde, produced.processorName);
    }

    public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde, null);
    }

    public static <K, V> Produced<K, V> keySerde(Serde<K> keySerde) {
        return new Produced<>(keySerde, null, null);
    }

    public static <K, V> Produced<K, V> valueSerde(Serde<V> valueSerde) {
        return new Produced<>(null, valueSerde, null);
    }

    public static <K, V> Produced<K, V> as(String processorName) {
        return new Produced<>(null, null, processorName);
    }

    public Produced<K, V> withKeySerde(Serde<K> keySerde) {
        return new Produced<>(keySerde, valueSerde, processorName);
    }

    public Produced<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde, processorName);
    }

    public Produced<K, V> withName(String processorName) {
        return new Produced<>(keySerde, valueSerde, processorName);
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    public String name() {
        return processorName;
    }
}
