package dev.millrace.connect.runtime;

import dev.millrace.connect.errors.ConnectException;
import dev.millrace.connect.json.JsonConverter;
import dev.millrace.connect.storage.ByteArrayConverter;
import dev.millrace.connect.storage.Converter;
import dev.millrace.connect.storage.StringConverter;

import java.util.Map;
import java.util.function.Supplier;

/** Makes the converter a {@code key.converter}/{@code value.converter} names; Kafka's class names are aliases. */
public final class Converters {
    private static final Map<String, Supplier<Converter>> KNOWN = Map.of(
            JsonConverter.class.getName(), JsonConverter::new,
            "org.apache.kafka.connect.json.JsonConverter", JsonConverter::new,
            "JsonConverter", JsonConverter::new,
            StringConverter.class.getName(), StringConverter::new,
            "org.apache.kafka.connect.storage.StringConverter", StringConverter::new,
            "StringConverter", StringConverter::new,
            ByteArrayConverter.class.getName(), ByteArrayConverter::new,
            "org.apache.kafka.connect.converters.ByteArrayConverter", ByteArrayConverter::new,
            "ByteArrayConverter", ByteArrayConverter::new);

    private Converters() {
    }

    /** A configured converter; {@code configKey} names the setting in the error when the class is unknown. */
    public static Converter create(String className, Map<String, ?> configs, boolean isKey, String configKey) {
        Supplier<Converter> factory = KNOWN.get(className.trim());
        if (factory == null) {
            throw new ConnectException("Invalid " + configKey + " '" + className + "': known converters are "
                    + "org.apache.kafka.connect.json.JsonConverter, org.apache.kafka.connect.storage.StringConverter and"
                    + " org.apache.kafka.connect.converters.ByteArrayConverter");
        }
        Converter converter = factory.get();
        converter.configure(configs, isKey);
        return converter;
    }
}
