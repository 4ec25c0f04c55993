package dev.millrace.streams;

import dev.millrace.streams.test.TestRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads, in order, what a {@link TopologyTestDriver}'s topology wrote to one topic; a read consumes the record. */
public class TestOutputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;

    TestOutputTopic(TopologyTestDriver driver, String topic, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        Objects.requireNonNull(driver, "TopologyTestDriver cannot be null");
        Objects.requireNonNull(topic, "topicName cannot be null");
        Objects.requireNonNull(keyDeserializer, "keyDeserializer cannot be null");
        Objects.requireNonNull(valueDeserializer, "valueDeserializer cannot be null");
        this.driver = driver;
        this.topic = topic;
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
    }

    public V readValue() {
        return readRecord().value();
    }

    public KeyValue<K, V> readKeyValue() {
        TestRecord<K, V> r = readRecord();
        return new KeyValue<>(r.key(), r.value());
    }

    /** @throws java.util.NoSuchElementException if nothing is left to read */
    public TestRecord<K, V> readRecord() {
        return driver.readRecord(topic, keyDeserializer, valueDeserializer);
    }

    public List<TestRecord<K, V>> readRecordsToList() {
        List<TestRecord<K, V>> out = new ArrayList<>();
        while (!isEmpty()) out.add(readRecord());
        return out;
    }

    /** The latest value per key; a null value removes the key. */
    public Map<K, V> readKeyValuesToMap() {
        Map<K, V> out = new HashMap<>();
        while (!isEmpty()) {
            TestRecord<K, V> r = readRecord();
            if (r.key() == null) throw new IllegalStateException("Null keys not allowed with readKeyValuesToMap method");
            if (r.value() == null) out.remove(r.key());
            else out.put(r.key(), r.value());
        }
        return out;
    }

    public List<KeyValue<K, V>> readKeyValuesToList() {
        List<KeyValue<K, V>> out = new ArrayList<>();
        while (!isEmpty()) out.add(readKeyValue());
        return out;
    }

    public List<V> readValuesToList() {
        List<V> out = new ArrayList<>();
        while (!isEmpty()) out.add(readValue());
        return out;
    }

    public final long getQueueSize() {
        return driver.queueSize(topic);
    }

    public final boolean isEmpty() {
        return driver.isEmpty(topic);
    }

    @Override
    public String toString() {
        return "TestOutputTopic[topic='" + topic + "', keyDeserializer=" + keyDeserializer.getClass().getSimpleName()
                + ", valueDeserializer=" + valueDeserializer.getClass().getSimpleName() + ", size=" + getQueueSize() + "]";
    }
}
