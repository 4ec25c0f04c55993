package dev.millrace.streams.kstream;

/** As {@link ValueJoiner}, also seeing the key (read-only: changing it breaks partitioning). */
@FunctionalInterface
public interface ValueJoinerWithKey<K1, V1, V2, VR> {
    VR apply(K1 readOnlyKey, V1 value1, V2 value2);
}
