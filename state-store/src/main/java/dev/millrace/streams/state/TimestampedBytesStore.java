package dev.millrace.streams.state;

import java.nio.ByteBuffer;

/**
 * Marks a bytes store whose values are already in the timestamped format: the record timestamp as 8 big-endian
 * bytes, then the serialized value. Kafka Streams' {@code TimestampedBytesStore}, same format.
 */
public interface TimestampedBytesStore {
    /** The timestamped form of a plain value, with no known timestamp (-1). */
    static byte[] convertToTimestampedFormat(byte[] plainValue) {
        if (plainValue == null) return null;
        return ByteBuffer.allocate(8 + plainValue.length).putLong(-1L).put(plainValue).array();
    }
}
