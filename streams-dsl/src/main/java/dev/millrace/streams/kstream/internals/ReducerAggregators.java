package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Aggregator;
import dev.millrace.streams.kstream.Reducer;

/** A reduce as an aggregate whose initial value is null: the first value is the aggregate, as Kafka Streams does. */
final class ReducerAggregators {
    private ReducerAggregators() {
    }

    static <K, V> Aggregator<K, V, V> of(Reducer<V> reducer) {
        return (key, value, aggregate) -> aggregate == null ? value : reducer.apply(aggregate, value);
    }
}
