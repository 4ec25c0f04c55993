package dev.millrace.streams.kstream;

/** A side effect per record. */
@FunctionalInterface
public interface ForeachAction<K, V> {
    void apply(K key, V value);
}
