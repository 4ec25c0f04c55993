package dev.millrace.streams;

import dev.millrace.streams.test.TestRecord;
import org.apache.kafka.common.serialization.Serializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Pipes records into one input topic of a {@link TopologyTestDriver}. Records without a time get the topic's
 * current time, which then moves by the auto-advance step.
 */
public class TestInputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private Instant currentTime;
    private final Duration advanceDuration;

    TestInputTopic(TopologyTestDriver driver, String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer,
                   Instant startTimestamp, Duration autoAdvance) {
        Objects.requireNonNull(driver, "TopologyTestDriver cannot be null");
        Objects.requireNonNull(topic, "topicName cannot be null");
        Objects.requireNonNull(keySerializer, "keySerializer cannot be null");
        Objects.requireNonNull(valueSerializer, "valueSerializer cannot be null");
        Objects.requireNonNull(startTimestamp, "startTimestamp cannot be null");
        Objects.requireNonNull(autoAdvance, "autoAdvance cannot be null");
        if (autoAdvance.isNegative()) throw new IllegalArgumentException("autoAdvance must be positive");
        this.driver = driver;
        this.topic = topic;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.currentTime = startTimestamp;
        this.advanceDuration = autoAdvance;
    }

    public void advanceTime(Duration advance) {
        if (advance.isNegative()) throw new IllegalArgumentException("advance must be positive");
        currentTime = currentTime.plus(advance);
    }

    private Instant nextTime() {
        Instant t = currentTime;
        currentTime = currentTime.plus(advanceDuration);
        return t;
    }

    public void pipeInput(TestRecord<K, V> record) {
        driver.pipeRecord(topic, record, keySerializer, valueSerializer, record.getRecordTime() == null ? nextTime() : null);
    }

    public void pipeInput(V value) {
        pipeInput(new TestRecord<>(value));
    }

    public void pipeInput(K key, V value) {
        pipeInput(new TestRecord<>(key, value));
    }

    public void pipeInput(V value, Instant timestamp) {
        pipeInput(new TestRecord<>(null, value, timestamp));
    }

    public void pipeInput(K key, V value, long timestampMs) {
        pipeInput(new TestRecord<>(key, value, null, timestampMs));
    }

    public void pipeInput(K key, V value, Instant timestamp) {
        pipeInput(new TestRecord<>(key, value, timestamp));
    }

    public void pipeRecordList(List<? extends TestRecord<K, V>> records) {
        for (TestRecord<K, V> r : records) pipeInput(r);
    }

    public void pipeKeyValueList(List<KeyValue<K, V>> keyValues) {
        for (KeyValue<K, V> kv : keyValues) pipeInput(kv.key, kv.value);
    }

    public void pipeValueList(List<V> values) {
        for (V v : values) pipeInput(v);
    }

    public void pipeKeyValueList(List<KeyValue<K, V>> keyValues, Instant startTimestamp, Duration advance) {
        Instant t = startTimestamp;
        for (KeyValue<K, V> kv : keyValues) {
            pipeInput(kv.key, kv.value, t);
            t = t.plus(advance);
        }
    }

    public void pipeValueList(List<V> values, Instant startTimestamp, Duration advance) {
        Instant t = startTimestamp;
        for (V v : values) {
            pipeInput(v, t);
            t = t.plus(advance);
        }
    }

    @Override
    public String toString() {
        return "TestInputTopic[topic='" + topic + "', keySerializer=" + keySerializer.getClass().getSimpleName()
                + ", valueSerializer=" + valueSerializer.getClass().getSimpleName() + "]";
    }
}
