package dev.millrace.connect.source;

import dev.millrace.connect.data.Schema;

import java.util.Map;
import java.util.Objects;

/**
 * One record a source task produces: where it came from ({@code sourcePartition}, {@code sourceOffset}, stored by
 * the runtime once the broker acknowledged the record) and where it goes (topic, optional Kafka partition, key and
 * value with their schemas, optional timestamp).
 */
public class SourceRecord {
    private final Map<String, ?> sourcePartition;
    private final Map<String, ?> sourceOffset;
    private final String topic;
    private final Integer kafkaPartition;
    private final Schema keySchema;
    private final Object key;
    private final Schema valueSchema;
    private final Object value;
    private final Long timestamp;

    public SourceRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic, Integer partition,
                        Schema keySchema, Object key, Schema valueSchema, Object value, Long timestamp) {
        this.sourcePartition = sourcePartition;
        this.sourceOffset = sourceOffset;
        this.topic = topic;
        this.kafkaPartition = partition;
        this.keySchema = keySchema;
        this.key = key;
        this.valueSchema = valueSchema;
        this.value = value;
        this.timestamp = timestamp;
    }

    public SourceRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic, Integer partition,
                        Schema keySchema, Object key, Schema valueSchema, Object value) {
        this(sourcePartition, sourceOffset, topic, partition, keySchema, key, valueSchema, value, null);
    }

    public SourceRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic, Integer partition,
                        Schema valueSchema, Object value) {
        this(sourcePartition, sourceOffset, topic, partition, null, null, valueSchema, value, null);
    }

    public SourceRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic,
                        Schema valueSchema, Object value) {
        this(sourcePartition, sourceOffset, topic, null, null, null, valueSchema, value, null);
    }

    public SourceRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic,
                        Schema keySchema, Object key, Schema valueSchema, Object value) {
        this(sourcePartition, sourceOffset, topic, null, keySchema, key, valueSchema, value, null);
    }

    public Map<String, ?> sourcePartition() { return sourcePartition; }
    public Map<String, ?> sourceOffset() { return sourceOffset; }
    public String topic() { return topic; }
    public Integer kafkaPartition() { return kafkaPartition; }
    public Schema keySchema() { return keySchema; }
    public Object key() { return key; }
    public Schema valueSchema() { return valueSchema; }
    public Object value() { return value; }
    public Long timestamp() { return timestamp; }

    /** A copy with another destination and content but the same source partition and offset. */
    public SourceRecord newRecord(String topic, Integer kafkaPartition, Schema keySchema, Object key,
                                  Schema valueSchema, Object value, Long timestamp) {
        return new SourceRecord(sourcePartition, sourceOffset, topic, kafkaPartition, keySchema, key, valueSchema,
                value, timestamp);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SourceRecord r)) {
            return false;
        }
        return Objects.equals(sourcePartition, r.sourcePartition) && Objects.equals(sourceOffset, r.sourceOffset)
                && Objects.equals(topic, r.topic) && Objects.equals(kafkaPartition, r.kafkaPartition)
                && Objects.equals(keySchema, r.keySchema) && Objects.deepEquals(key, r.key)
                && Objects.equals(valueSchema, r.valueSchema) && Objects.deepEquals(value, r.value)
                && Objects.equals(timestamp, r.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourcePartition, sourceOffset, topic, kafkaPartition, keySchema, valueSchema, timestamp);
    }

    @Override
    public String toString() {
        return "SourceRecord{sourcePartition=" + sourcePartition + ", sourceOffset=" + sourceOffset + ", topic="
                + topic + ", kafkaPartition=" + kafkaPartition + ", key=" + key + ", value=" + value
                + ", timestamp=" + timestamp + "}";
    }
}
