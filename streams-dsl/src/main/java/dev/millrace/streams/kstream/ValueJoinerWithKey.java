package dev.millrace.streams.kstream;

/** A {@link ValueJoiner} that also sees the (read-only) join key. */
@FunctionalInterface
public interface ValueJoinerWithKey<K1, V1, V2, VR> {
    VR apply(K1 readOnlyKey, V1 value1, V2 value2);
}
