package dev.millrace.streams.state.internals;

import dev.millrace.streams.processor.RecordContext;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** A {@link RecordContext} of fixed fields, as Kafka Streams' class of the same name. */
public final class ProcessorRecordContext implements RecordContext {
    private final long timestamp;
    private final long offset;
    private final int partition;
    private final String topic;
    private final Headers headers;

    public ProcessorRecordContext(long timestamp, long offset, int partition, String topic, Headers headers) {
        this.timestamp = timestamp;
        this.offset = offset;
        this.partition = partition;
        this.topic = topic;
        this.headers = headers == null ? new RecordHeaders() : headers;
    }

    /** A context carrying only a timestamp, for writes made outside the processing of a read record. */
    public static ProcessorRecordContext ofTimestamp(long timestamp) {
        return new ProcessorRecordContext(timestamp, -1L, -1, null, new RecordHeaders());
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public int partition() {
        return partition;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "ProcessorRecordContext{timestamp=" + timestamp + ", topic=" + topic + ", partition=" + partition + ", offset=" + offset + "}";
    }
}
