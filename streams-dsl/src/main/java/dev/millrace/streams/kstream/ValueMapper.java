package dev.millrace.streams.kstream;

/** Maps a value to a new value; the key stays. */
@FunctionalInterface
public interface ValueMapper<V, VR> {
    VR apply(V value);
}
