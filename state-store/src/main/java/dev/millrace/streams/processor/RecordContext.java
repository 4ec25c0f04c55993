package dev.millrace.streams.processor;

/**
 * Where the record being processed came from, as Kafka Streams' {@code org.apache.kafka.streams.processor.RecordContext}
 * (headers left out: no store needs them yet). The Streams runtime implements it per processed record; stores read
 * it through {@link StateStoreContext#recordContext()} to stamp their changelog records with the record's timestamp.
 */
public interface RecordContext {
    /** The record's timestamp (event time, or what the timestamp extractor returned). */
    long timestamp();

    /** The topic the record was read from, or null if it was not read from one (e.g. a punctuation). */
    String topic();

    /** The partition it was read from, or -1. */
    int partition();

    /** Its offset, or -1. */
    long offset();
}
