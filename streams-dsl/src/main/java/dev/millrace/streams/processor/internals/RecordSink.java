package dev.millrace.streams.processor.internals;

import org.apache.kafka.common.header.Headers;

/** Where sink nodes hand their serialized records: the test driver's output topics, or the stream thread's producer. */
public interface RecordSink {
    /** @param partition the partition a {@code StreamPartitioner} chose, or null for the producer's partitioner */
    void send(String topic, Integer partition, byte[] key, byte[] value, Headers headers, long timestamp);

    /** The partition count of a topic, for a {@code StreamPartitioner}. */
    int partitionCount(String topic);
}
