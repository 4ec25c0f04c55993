package dev.millrace.streams.kstream;

import org.apache.kafka.common.serialization.Serde;

/**
 * How a stream is grouped: the serdes of its repartition topic, and a name for that topic
 * ({@code <name>-repartition}) and for the key-selecting processor of {@code groupBy}.
 */
public class Grouped<K, V> {
    protected final Serde<K> keySerde;
    protected final Serde<V> valueSerde;
    protected final String name;

    protected Grouped(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    protected Grouped(Grouped<K, V> grouped) {
        this(grouped.name, grouped.keySerde, grouped.valueSerde);
    }

    public static <K, V> Grouped<K, V> as(String name) {
        return new Grouped<>(name, null, null);
    }

    public static <K, V> Grouped<K, V> keySerde(Serde<K> keySerde) {
        return new Grouped<>(null, keySerde, null);
    }

    public static <K, V> Grouped<K, V> valueSerde(Serde<V> valueSerde) {
        return new Grouped<>(null, null, valueSerde);
    }

    public static <K, V> Grouped<K, V> with(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    public static <K, V> Grouped<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(null, keySerde, valueSerde);
    }

    public Grouped<K, V> withName(String name) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    public Grouped<K, V> withKeySerde(Serde<K> keySerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    public Grouped<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    public String name() {
        return name;
    }
}
