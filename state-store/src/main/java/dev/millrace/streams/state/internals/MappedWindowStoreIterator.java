package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.WindowStoreIterator;

import java.util.function.Function;

/** A {@link MappedKeyValueIterator} whose keys are window start timestamps. */
final class MappedWindowStoreIterator<K1, V1, V2> extends MappedKeyValueIterator<K1, V1, Long, V2> implements WindowStoreIterator<V2> {
    MappedWindowStoreIterator(KeyValueIterator<K1, V1> inner, Function<K1, Long> keyMapper, Function<V1, V2> valueMapper) {
        super(inner, keyMapper, valueMapper);
    }
}
