package dev.millrace.streams.state.internals;

import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.RecordCollector;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link RecordCollector} over its own idempotent {@link KafkaProducer}. Idempotence with acks=all makes a
 * retried send land once and in order, so the acknowledged offsets it reports are a prefix of what was sent: a
 * checkpoint at such an offset never skips a write.
 */
public final class ChangelogRecordCollector implements RecordCollector, AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final Map<TopicPartition, Long> offsets = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> sendError = new AtomicReference<>();

    /** {@code producerConfigs} must name {@code bootstrap.servers}; serializers, idempotence and acks are set here. */
    public ChangelogRecordCollector(Map<String, Object> producerConfigs) {
        Map<String, Object> p = new HashMap<>(producerConfigs);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(p);
    }

    @Override
    public void send(String topic, int partition, Bytes key, byte[] value, long timestamp) {
        checkError();
        TopicPartition tp = new TopicPartition(topic, partition);
        producer.send(new ProducerRecord<>(topic, partition, timestamp, key.get(), value), (md, e) -> {
            if (e != null) sendError.compareAndSet(null, e);
            else offsets.merge(tp, md.offset(), Math::max);
        });
    }

    @Override
    public void flush() {
        producer.flush();
        checkError();
    }

    private void checkError() {
        Exception e = sendError.get();
        // the store already holds the write the changelog lost, so the task cannot go on: fail it
        if (e != null) throw new StreamsException("a changelog write failed; the store is ahead of its changelog", e);
    }

    @Override
    public Map<TopicPartition, Long> offsets() {
        return Map.copyOf(offsets);
    }

    @Override
    public void close() {
        producer.close();
    }
}
