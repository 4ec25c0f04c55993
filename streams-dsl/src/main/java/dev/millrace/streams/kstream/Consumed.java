package dev.millrace.streams.kstream;

import org.apache.kafka.common.serialization.Serde;

/** How a source topic is read: its serdes and the source node's name. */
public class Consumed<K, V> {
    protected Serde<K> keySerde;
    protected Serde<V> valueSerde;
    protected String processorName;

    protected Consumed(Serde<K> keySerde, Serde<V> valueSerde, String processorName) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.processorName = processorName;
    }

    protected Consumed(Consumed<K, V> consumed) {
        this(consumed.keySerde, consumed.valueSerde, consumed.processorName);
    }

    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, null);
    }

    public static <K, V> Consumed<K, V> as(String processorName) {
        return new Consumed<>(null, null, processorName);
    }

    public Consumed<K, V> withKeySerde(Serde<K> keySerde) {
        return new Consumed<>(keySerde, valueSerde, processorName);
    }

    public Consumed<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, processorName);
    }

    public Consumed<K, V> withName(String processorName) {
        return new Consumed<>(keySerde, valueSerde, processorName);
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
