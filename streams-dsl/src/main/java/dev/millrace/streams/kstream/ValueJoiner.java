package dev.millrace.streams.kstream;

/** Combines the values of two joined records (or rows) into the join's value; either side may be null in outer joins. */
@FunctionalInterface
public interface ValueJoiner<V1, V2, VR> {
    VR apply(V1 value1, V2 value2);
}
