package dev.millrace.streams.state.internals;

import dev.millrace.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Collection;

/**
 * A restore callback that needs the changelog records themselves (their timestamps, for timestamped stores), as
 * Kafka Streams' internal interface of the same name.
 */
public interface RecordBatchingStateRestoreCallback extends BatchingStateRestoreCallback {
    void restoreBatch(Collection<ConsumerRecord<byte[], byte[]>> records);

    @Override
    default void restoreAll(Collection<dev.millrace.streams.KeyValue<byte[], byte[]>> records) {
        throw new UnsupportedOperationException("a record-batching callback is called with restoreBatch");
    }
}
