package dev.millrace.streams.processor.internals;

import org.apache.kafka.common.serialization.Serde;

/**
 * A serializer or deserializer wrapping others that may be unset (the table-change format of a grouped table's
 * repartition topic around the user's value serde, a foreign-key join's subscription around the primary key's serde):
 * the sink or source using it fills them in from the default serdes.
 */
public interface WrapsDefaultSerdes {
    void setIfUnset(Serde<?> defaultKeySerde, Serde<?> defaultValueSerde);
}
