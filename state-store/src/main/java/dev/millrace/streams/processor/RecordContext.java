package dev.millrace.streams.processor;

import org.apache.kafka.common.header.Headers;

/**
 * Where the record being processed came from, as Kafka Streams' {@code org.apache.kafka.streams.processor.RecordContext}.
 * The Streams runtime implements it per processed record; stores read it through
 * {@link StateStoreContext#recordContext()} to stamp their changelog records with the record's timestamp (changelog
 * records carry no headers).
 */
public interface RecordContext {
    /** The source topic, or null when the record was not read from one (e.g. produced by a punctuator). */
    String topic();

    /** The partition it was read from, or -1. */
    int partition();

    /** Its offset, or -1. */
    long offset();

    /** The record's timestamp (event time, or what the timestamp extractor returned). */
    long timestamp();

    Headers headers();
}
