package dev.millrace.streams.kstream;

/** Combines a key's aggregate so far with a new value of the same type. */
@FunctionalInterface
public interface Reducer<V> {
    V apply(V value1, V value2);
}
