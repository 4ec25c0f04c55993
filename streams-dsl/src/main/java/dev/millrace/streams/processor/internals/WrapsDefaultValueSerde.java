package dev.millrace.streams.processor.internals;

import org.apache.kafka.common.serialization.Serde;

/**
 * A serializer or deserializer wrapping another that may be unset (e.g. the table-change format of a grouped table's
 * repartition topic around the user's value serde): the sink or source using it fills in the default value serde.
 */
public interface WrapsDefaultValueSerde {
    void setInnerIfUnset(Serde<?> defaultValueSerde);
}
