package dev.millrace.streams.kstream;

/** Decides whether a record passes a filter or goes to a branch. */
@FunctionalInterface
public interface Predicate<K, V> {
    boolean test(K key, V value);

    default Predicate<K, V> negate() {
        return (key, value) -> !test(key, value);
    }
}
