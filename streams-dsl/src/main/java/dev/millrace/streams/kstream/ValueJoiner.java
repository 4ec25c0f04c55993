package dev.millrace.streams.kstream;

/** Combines a record's value with the value it joined (null on the missing side of a left or outer join). */
@FunctionalInterface
public interface ValueJoiner<V1, V2, VR> {
    VR apply(V1 value1, V2 value2);
}
