package dev.millrace.streams.processor;

import org.apache.kafka.common.header.Headers;

/** Where the record being processed came from; what a {@link TopicNameExtractor} may look at. */
public interface RecordContext {
    /** The source topic, or null when the record was produced by a punctuator. */
    String topic();

    int partition();

    long offset();

    long timestamp();

    Headers headers();
}
