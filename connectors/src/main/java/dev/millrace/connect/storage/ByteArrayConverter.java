package dev.millrace.connect.storage;

import dev.millrace.connect.data.Schema;
import dev.millrace.connect.data.SchemaAndValue;
import dev.millrace.connect.errors.DataException;

import java.nio.ByteBuffer;
import java.util.Map;

/** Passes bytes through unchanged, as Kafka Connect's ByteArrayConverter: the value must be bytes or null. */
public final class ByteArrayConverter implements Converter {

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (schema != null && schema.type() != Schema.Type.BYTES) {
            throw new DataException("Invalid schema type for ByteArrayConverter: " + schema.type());
        }
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] out = new byte[buffer.remaining()];
            buffer.duplicate().get(out);
            return out;
        }
        throw new DataException("ByteArrayConverter is not compatible with objects of type " + value.getClass());
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return new SchemaAndValue(Schema.OPTIONAL_BYTES_SCHEMA, value);
    }
}
