package dev.millrace.streams.state.internals;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * The changelog layer of timestamped stores. The changelog holds what Kafka Streams' does: the plain value, with the
 * value's timestamp as the record timestamp; restore puts the 8 timestamp bytes back in front.
 */
public class ChangeLoggingTimestampedKeyValueBytesStore extends ChangeLoggingKeyValueBytesStore {
    public ChangeLoggingTimestampedKeyValueBytesStore(dev.millrace.streams.state.KeyValueStore<Bytes, byte[]> inner,
                                                      Map<String, String> logConfig) {
        super(inner, logConfig);
    }

    @Override
    protected void log(Bytes key, byte[] value) {
        if (value == null) {
            super.log(key, null);
            return;
        }
        long ts = ByteBuffer.wrap(value, 0, 8).getLong();
        // a record cannot carry a negative timestamp; such values (-1: "none") get the processed record's (or the
        // wall clock), and come back with it
        logWithTimestamp(key, Arrays.copyOfRange(value, 8, value.length), ts < 0 ? recordTimestamp() : ts);
    }

    @Override
    protected byte[] restoredValue(ConsumerRecord<byte[], byte[]> record) {
        byte[] v = record.value();
        if (v == null) return null;
        return ByteBuffer.allocate(8 + v.length).putLong(record.timestamp()).put(v).array();
    }
}
