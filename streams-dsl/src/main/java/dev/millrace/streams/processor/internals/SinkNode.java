package dev.millrace.streams.processor.internals;

import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.StreamPartitioner;
import dev.millrace.streams.processor.TopicNameExtractor;
import dev.millrace.streams.processor.api.Record;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Optional;
import java.util.Set;

/**
 * Serializes records and sends them to a static topic or the one its extractor picks, to the partitions its
 * {@link StreamPartitioner} picks if it has one.
 */
final class SinkNode extends ProcessorNode {
    private final String topic;
    private final TopicNameExtractor<Object, Object> extractor;
    private final StreamPartitioner<Object, Object> partitioner;
    private Serializer<Object> keySerializer;
    private Serializer<Object> valueSerializer;
    private ProcessorContextImpl context;

    @SuppressWarnings("unchecked")
    SinkNode(String name, String topic, TopicNameExtractor<?, ?> extractor, Serializer<?> keySerializer, Serializer<?> valueSerializer,
             StreamPartitioner<?, ?> partitioner) {
        super(name);
        this.partitioner = (StreamPartitioner<Object, Object>) partitioner;
        this.topic = topic;
        this.extractor = (TopicNameExtractor<Object, Object>) extractor;
        this.keySerializer = (Serializer<Object>) keySerializer;
        this.valueSerializer = (Serializer<Object>) valueSerializer;
    }

    /** The topic as given (not yet prefixed if internal); null when an extractor picks it per record. */
    String topic() {
        return topic;
    }

    @SuppressWarnings("unchecked")
    @Override
    void init(ProcessorContextImpl context) {
        this.context = context;
        if (keySerializer == null) keySerializer = (Serializer<Object>) context.defaultKeySerde().serializer();
        if (valueSerializer == null) valueSerializer = (Serializer<Object>) context.defaultValueSerde().serializer();
        if (valueSerializer instanceof WrapsDefaultSerdes w) w.setIfUnset(context.defaultKeySerde(), context.defaultValueSerde());
    }

    @Override
    void process(Record<Object, Object> record) {
        String target = topic != null ? topic
                : extractor.extract(record.key(), record.value(), context.recordContextFor(record));
        if (target == null) throw new StreamsException("topic name extractor of sink " + name() + " returned no topic");
        target = context.task().physicalTopic(target);
        Headers headers = new RecordHeaders(record.headers().toArray());
        byte[] key = keySerializer.serialize(target, headers, record.key());
        byte[] value = valueSerializer.serialize(target, headers, record.value());
        RecordSink sink = context.task().recordSink();
        if (partitioner != null) {
            Optional<Set<Integer>> chosen =
                    partitioner.partitions(target, record.key(), record.value(), headers, sink.partitionCount(target));
            if (chosen.isPresent()) {
                for (int partition : chosen.get()) {
                    sink.send(target, partition, key, value, headers, record.timestamp());
                    context.task().metrics().produced(name(), target, key, value, headers);
                }
                return; // an empty set drops the record, as in Kafka Streams
            }
        }
        sink.send(target, null, key, value, headers, record.timestamp());
        context.task().metrics().produced(name(), target, key, value, headers);
    }
}
