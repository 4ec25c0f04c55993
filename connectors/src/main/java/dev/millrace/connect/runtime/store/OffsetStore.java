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
    /** One stored offset, with the connector and source partition it belongs to. */
    public record StoredOffset(String connector, Map<String, Object> partition, Map<String, Object> offset) {
    }

    private final Map<String, StoredOffset> offsets = new ConcurrentHashMap<>();

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
            String connector = key.get(0).asText();
            Map<String, Object> partition = StoreJson.toMap(key.get(1));
            String lookup = lookupKey(connector, partition);
            Map<String, Object> value = record.value() == null ? null : StoreJson.toMap(StoreJson.read(record.value()));
            if (value == null) {
                offsets.remove(lookup);
            } else {
                offsets.put(lookup, new StoredOffset(connector, partition, value));
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
                // stored as read back from the topic would give it: integral numbers as Long
                offsets.put(lookup, new StoredOffset(connector, StoreJson.toMap(StoreJson.read(StoreJson.write(e.getKey()))),
                        StoreJson.toMap(StoreJson.read(StoreJson.write(e.getValue())))));
            }
        }
    }

    public <T> Map<String, Object> offset(String connector, Map<String, T> partition) {
        StoredOffset stored = offsets.get(lookupKey(connector, partition));
        // a copy the task may keep or change; null values (say an absent LSN) are legal in an offset
        return stored == null ? null : new java.util.LinkedHashMap<>(stored.offset());
    }

    /** Every stored offset of {@code connector}, ordered by partition. */
    public List<StoredOffset> offsets(String connector) {
        return offsets.entrySet().stream().filter(e -> e.getValue().connector().equals(connector))
                .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
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
