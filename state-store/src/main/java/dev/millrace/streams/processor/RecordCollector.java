package dev.millrace.streams.processor;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;

import java.util.Map;

/**
 * Where logged stores send their changes: a producer shared by a task's stores. Named and shaped after Kafka Streams'
 * internal {@code RecordCollector} (send, flush, offsets), narrowed to what a changelog needs.
 */
public interface RecordCollector {
    /**
     * Sends one change asynchronously; a null value is a tombstone. A failed earlier send is rethrown here (or by
     * {@link #flush()}) as a {@link dev.millrace.streams.errors.StreamsException}.
     */
    void send(String topic, int partition, Bytes key, byte[] value, long timestamp);

    /** Blocks until every record sent so far is acknowledged, then rethrows the first send failure if any. */
    void flush();

    /** The offset of the last acknowledged record of each partition sent to. */
    Map<TopicPartition, Long> offsets();
}
