package dev.millrace.connect.storage;

import dev.millrace.connect.data.Schema;
import dev.millrace.connect.data.SchemaAndValue;
import dev.millrace.connect.errors.DataException;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a value's {@code toString()} as text (UTF-8 unless {@code converter.encoding} or the key/value-specific
 * {@code key.converter.encoding} / {@code value.converter.encoding} says otherwise); reads text back as an optional
 * string.
 */
public final class StringConverter implements Converter {
    private Charset charset = StandardCharsets.UTF_8;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object encoding = configs.get(isKey ? "key.converter.encoding" : "value.converter.encoding");
        if (encoding == null) {
            encoding = configs.get("converter.encoding");
        }
        if (encoding != null) {
            try {
                charset = Charset.forName(encoding.toString());
            } catch (RuntimeException e) {
                throw new DataException("Unknown converter.encoding: " + encoding, e);
            }
        }
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        return value == null ? null : value.toString().getBytes(charset);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return new SchemaAndValue(Schema.OPTIONAL_STRING_SCHEMA, value == null ? null : new String(value, charset));
    }
}
