package dev.millrace.tools.consume;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

/**
 * How {@code consume} prints one record, set by the {@code --property} keys of Kafka's console consumer.
 * Columns come in Kafka's order (timestamp, partition, offset, headers, key, value), each printed only
 * when asked for, and are joined by {@code key.separator} (a tab by default) as Kafka's are, so
 * {@code print.timestamp=true print.key=true} gives {@code CreateTime:1234<TAB>k<TAB>v}. A null key,
 * value or header value prints as {@code null.literal} ({@code null}).
 */
public final class RecordFormat {

    static final Set<String> KNOWN = Set.of("print.timestamp", "print.partition", "print.offset",
            "print.headers", "print.key", "print.value", "key.separator", "line.separator",
            "headers.separator", "headers.key.separator", "null.literal");

    private final boolean printTimestamp;
    private final boolean printPartition;
    private final boolean printOffset;
    private final boolean printHeaders;
    private final boolean printKey;
    private final boolean printValue;
    private final String keySeparator;
    private final String lineSeparator;
    private final String headersSeparator;
    private final String headerKeySeparator;
    private final String nullLiteral;

    private RecordFormat(Map<String, String> p) {
        printTimestamp = bool(p, "print.timestamp", false);
        printPartition = bool(p, "print.partition", false);
        printOffset = bool(p, "print.offset", false);
        printHeaders = bool(p, "print.headers", false);
        printKey = bool(p, "print.key", false);
        printValue = bool(p, "print.value", true);
        keySeparator = p.getOrDefault("key.separator", "\t");
        lineSeparator = p.getOrDefault("line.separator", "\n");
        headersSeparator = p.getOrDefault("headers.separator", ",");
        headerKeySeparator = p.getOrDefault("headers.key.separator", ":");
        nullLiteral = p.getOrDefault("null.literal", "null");
    }

    /**
     * Reads the format from {@code --property} values. Throws {@link IllegalArgumentException} naming a key
     * this tool does not know, so a typo is not silently ignored.
     */
    public static RecordFormat fromProperties(Map<String, String> properties) {
        for (String key : properties.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new IllegalArgumentException("Unknown --property " + key + "; known: "
                        + String.join(", ", KNOWN.stream().sorted().toList()));
            }
        }
        return new RecordFormat(properties);
    }

    /** The record's text, ending with the line separator. */
    public String format(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        if (printTimestamp) {
            first = column(out, first, record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE
                    ? "NO_TIMESTAMP"
                    : record.timestampType().name + ":" + record.timestamp());
        }
        if (printPartition) {
            first = column(out, first, "Partition:" + record.partition());
        }
        if (printOffset) {
            first = column(out, first, "Offset:" + record.offset());
        }
        if (printHeaders) {
            first = column(out, first, headers(record));
        }
        if (printKey) {
            first = column(out, first, text(record.key()));
        }
        if (printValue) {
            column(out, first, text(record.value()));
        }
        return out.append(lineSeparator).toString();
    }

    private boolean column(StringBuilder out, boolean first, String text) {
        if (!first) {
            out.append(keySeparator);
        }
        out.append(text);
        return false;
    }

    private String headers(ConsumerRecord<byte[], byte[]> record) {
        Header[] headers = record.headers().toArray();
        if (headers.length == 0) {
            return "NO_HEADERS";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < headers.length; i++) {
            if (i > 0) {
                out.append(headersSeparator);
            }
            out.append(headers[i].key()).append(headerKeySeparator).append(text(headers[i].value()));
        }
        return out.toString();
    }

    private String text(byte[] bytes) {
        return bytes == null ? nullLiteral : new String(bytes, StandardCharsets.UTF_8);
    }

    private static boolean bool(Map<String, String> p, String key, boolean defaultValue) {
        String value = p.get(key);
        if (value == null) {
            return defaultValue;
        }
        value = value.trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("--property " + key + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }
}
