package dev.millrace.streams.kstream;

/** Folds a new value into a key's aggregate. */
@FunctionalInterface
public interface Aggregator<K, V, VAgg> {
    VAgg apply(K key, V value, VAgg aggregate);
}
