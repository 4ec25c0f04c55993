package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * The changelog layer of timestamped window stores: as Kafka Streams, the changelog holds the plain value with the
 * value's timestamp as the record timestamp, and restore puts the 8 timestamp bytes back in front.
 */
public class ChangeLoggingTimestampedWindowBytesStore extends ChangeLoggingWindowBytesStore {
    public ChangeLoggingTimestampedWindowBytesStore(WindowStore<Bytes, byte[]> inner, boolean retainDuplicates,
                                                    long retentionPeriod, Map<String, String> logConfig) {
        super(inner, retainDuplicates, retentionPeriod, logConfig);
    }

    @Override
    protected void log(Bytes binaryKey, byte[] value) {
        if (value == null) {
            super.log(binaryKey, null);
            return;
        }
        long ts = ByteBuffer.wrap(value, 0, 8).getLong();
        // a record cannot carry a negative timestamp; such values (-1: "none") come back with the send time
        changelog.log(binaryKey, Arrays.copyOfRange(value, 8, value.length), ts < 0 ? System.currentTimeMillis() : ts);
    }

    @Override
    protected byte[] restoredValue(ConsumerRecord<byte[], byte[]> record) {
        byte[] v = record.value();
        if (v == null) return null;
        return ByteBuffer.allocate(8 + v.length).putLong(record.timestamp()).put(v).array();
    }
}
