package dev.millrace.streams.kstream;

/** Maps a value to a new value, seeing the key (read-only: changing it breaks partitioning). */
@FunctionalInterface
public interface ValueMapperWithKey<K, V, VR> {
    VR apply(K readOnlyKey, V value);
}
