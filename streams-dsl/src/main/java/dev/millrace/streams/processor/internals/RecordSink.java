package dev.millrace.streams.processor.internals;

import org.apache.kafka.common.header.Headers;

/** Where sink nodes hand their serialized records: the test driver's output topics, later a producer. */
@FunctionalInterface
public interface RecordSink {
    void send(String topic, byte[] key, byte[] value, Headers headers, long timestamp);
}
