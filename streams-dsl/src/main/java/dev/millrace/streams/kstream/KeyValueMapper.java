package dev.millrace.streams.kstream;

/** Maps a record to anything: a new key, a new pair, or an iterable of pairs. */
@FunctionalInterface
public interface KeyValueMapper<K, V, VR> {
    VR apply(K key, V value);
}
