package dev.millrace.streams.state;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.processor.StateStore;

import java.util.List;

/** A read-write key-value store, as Kafka Streams' {@code KeyValueStore}. Keys must not be null. */
public interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {
    /** Stores {@code value} under {@code key}; a null value deletes the key. */
    void put(K key, V value);

    /** Puts only if the key has no value; returns the value already there, or null if it put. */
    V putIfAbsent(K key, V value);

    /** Puts every entry in order (null values delete), as one atomic batch where the engine supports it. */
    void putAll(List<KeyValue<K, V>> entries);

    /** Deletes {@code key} and returns its old value, or null. */
    V delete(K key);
}
