package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.RecordContext;
import dev.millrace.streams.processor.api.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/** The origin of the record being processed: an input record, or a punctuation (topic null, offset -1). */
record RecordContextImpl(String topic, int partition, long offset, long timestamp, Headers headers)
        implements RecordContext, RecordMetadata {
}
