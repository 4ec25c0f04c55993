package dev.millrace.connect.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.millrace.connect.source.OffsetStorageReader;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Source offsets in {@code offset.storage.topic}: key {@code ["<connector>",{partition}]}, value the offset map
 * (null deletes), both as Kafka Connect writes them. Offsets are read once at start, then kept current by this
 * worker's own writes.
 */
public final class OffsetStore {
    private final InternalTopics topics;
    private final String topic;
    private final Map<String, Map<String, Object>> offsets = new ConcurrentHashMap<>();

    public OffsetStore(InternalTopics topics, String topic) {
        this.topics = topics;
        this.topic = topic;
    }

    public void load() {
        topics.readToEnd(topic, record -> {
            if (record.key() == null) {
                return;
            }
            JsonNode key = StoreJson.read(record.key());
            if (!key.isArray() || key.size() != 2 || !key.get(0).isTextual()) {
                return;
            }
            String lookup = lookupKey(key.get(0).asText(), StoreJson.toJava(key.get(1)));
            Map<String, Object> value = record.value() == null ? null : StoreJson.toMap(StoreJson.read(record.value()));
            if (value == null) {
                offsets.remove(lookup);
            } else {
                offsets.put(lookup, value);
            }
        });
    }

    /** Writes the offsets of {@code connector} (partition -> offset) and waits until the broker stored them. */
    public void write(String connector, Map<Map<String, ?>, Map<String, ?>> batch) {
        for (Map.Entry<Map<String, ?>, Map<String, ?>> e : batch.entrySet()) {
            byte[] key = StoreJson.write(Arrays.asList(connector, e.getKey()));
            topics.write(topic, key, e.getValue() == null ? null : StoreJson.write(e.getValue()));
            String lookup = lookupKey(connector, e.getKey());
            if (e.getValue() == null) {
                offsets.remove(lookup);
            } else {
                offsets.put(lookup, StoreJson.toMap(StoreJson.read(StoreJson.write(e.getValue()))));
            }
        }
    }

    public <T> Map<String, Object> offset(String connector, Map<String, T> partition) {
        Map<String, Object> offset = offsets.get(lookupKey(connector, partition));
        return offset == null ? null : Map.copyOf(offset);
    }

    /** The reader a task of {@code connector} sees. */
    public OffsetStorageReader reader(String connector) {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return OffsetStore.this.offset(connector, partition);
            }
        };
    }

    private static String lookupKey(String connector, Object partition) {
        return StoreJson.canonical(List.of(connector, partition == null ? Map.of() : partition));
    }
}
