package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.api.Record;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/** Turns a consumed record's bytes into a record with its source's deserializers (or the default serdes'). */
final class SourceNode extends ProcessorNode {
    private Deserializer<?> keyDeserializer;
    private Deserializer<?> valueDeserializer;
    private ProcessorContextImpl context;

    SourceNode(String name, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer) {
        super(name);
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
    }

    @Override
    void init(ProcessorContextImpl context) {
        this.context = context;
        if (keyDeserializer == null) keyDeserializer = context.defaultKeySerde().deserializer();
        if (valueDeserializer == null) valueDeserializer = context.defaultValueSerde().deserializer();
        if (valueDeserializer instanceof WrapsDefaultSerdes w) w.setIfUnset(context.defaultKeySerde(), context.defaultValueSerde());
    }

    Record<Object, Object> deserialize(String topic, byte[] key, byte[] value, long timestamp, Headers headers) {
        Object k = keyDeserializer.deserialize(topic, headers, key);
        Object v = valueDeserializer.deserialize(topic, headers, value);
        return new Record<>(k, v, timestamp, headers);
    }

    @Override
    void process(Record<Object, Object> record) {
        context.forward(record);
    }
}
