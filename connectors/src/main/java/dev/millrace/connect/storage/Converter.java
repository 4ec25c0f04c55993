package dev.millrace.connect.storage;

import dev.millrace.connect.data.Schema;
import dev.millrace.connect.data.SchemaAndValue;

import java.util.Map;

/** Turns a record's key or value into bytes for the broker and back, as Kafka Connect's converters do. */
public interface Converter {

    /** Configures the converter from the worker's {@code key.converter.*} or {@code value.converter.*} keys. */
    void configure(Map<String, ?> configs, boolean isKey);

    /** The bytes for {@code value}; null (a tombstone) when both schema and value are null. */
    byte[] fromConnectData(String topic, Schema schema, Object value);

    SchemaAndValue toConnectData(String topic, byte[] value);
}
