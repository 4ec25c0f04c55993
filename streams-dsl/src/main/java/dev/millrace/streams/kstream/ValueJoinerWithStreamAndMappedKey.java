package dev.millrace.streams.kstream;

/**
 * Joins a stream record with the global table row it selected, seeing both the stream's key and the table key the
 * key selector derived (read-only), as Kafka Streams 4.4's interface of the same name.
 */
@FunctionalInterface
public interface ValueJoinerWithStreamAndMappedKey<StreamKey, TableKey, StreamValue, TableValue, VOut> {
    VOut apply(StreamKey readOnlyStreamKey, TableKey readOnlyTableKey, StreamValue streamValue, TableValue tableValue);
}
