package dev.millrace.streams.state;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.internals.MeteredKeyValueStore;
import dev.millrace.streams.state.internals.SimpleStateStoreContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TimestampedKeyValueStoreTest {
    @TempDir
    Path dir;

    private TimestampedKeyValueStore<String, String> open(StoreBuilder<TimestampedKeyValueStore<String, String>> builder) {
        TimestampedKeyValueStore<String, String> store = builder.build();
        store.init(StoreKind.context(dir), store);
        return store;
    }

    private static StoreBuilder<TimestampedKeyValueStore<String, String>> builder(KeyValueBytesStoreSupplier supplier) {
        return Stores.timestampedKeyValueStoreBuilder(supplier, Serdes.String(), Serdes.String());
    }

    @Test
    void persistentTimestampedStoreKeepsTimestampsAcrossReopen() {
        TimestampedKeyValueStore<String, String> store = open(builder(Stores.persistentTimestampedKeyValueStore("ts")));
        store.put("a", ValueAndTimestamp.make("A", 42L));
        store.put("b", ValueAndTimestamp.make("B", -7L));
        store.put("c", ValueAndTimestamp.make("C", 1L));
        store.put("c", null);
        assertEquals(ValueAndTimestamp.make("A", 42L), store.putIfAbsent("a", ValueAndTimestamp.make("other", 0L)));
        // the stored bytes are Kafka Streams' format: the timestamp as 8 big-endian bytes, then the value
        @SuppressWarnings("unchecked")
        KeyValueStore<Bytes, byte[]> bytes = ((MeteredKeyValueStore<String, ValueAndTimestamp<String>>) (Object) store).wrapped();
        assertArrayEquals(ByteBuffer.allocate(9).putLong(42L).put((byte) 'A').array(),
                bytes.get(Bytes.wrap("a".getBytes(StandardCharsets.UTF_8))));
        store.flush();
        store.close();

        TimestampedKeyValueStore<String, String> again = open(builder(Stores.persistentTimestampedKeyValueStore("ts")));
        assertEquals(List.of(KeyValue.pair("a", ValueAndTimestamp.make("A", 42L)), KeyValue.pair("b", ValueAndTimestamp.make("B", -7L))),
                drain(again.all()));
        assertEquals(ValueAndTimestamp.make("B", -7L), again.delete("b"));
        assertNull(again.get("b"));
        again.close();
    }

    @Test
    void inMemoryAndCachedTimestampedStoresKeepTimestamps() {
        for (StoreBuilder<TimestampedKeyValueStore<String, String>> b : List.of(
                builder(Stores.inMemoryKeyValueStore("mem")),
                builder(Stores.persistentTimestampedKeyValueStore("cached")).withCachingEnabled())) {
            TimestampedKeyValueStore<String, String> store = open(b);
            store.putAll(List.of(KeyValue.pair("x", ValueAndTimestamp.make("X", 5L)), KeyValue.pair("y", ValueAndTimestamp.make("Y", 6L))));
            store.flush();
            store.put("x", ValueAndTimestamp.make("X2", 9L));
            assertEquals(List.of(KeyValue.pair("y", ValueAndTimestamp.make("Y", 6L)), KeyValue.pair("x", ValueAndTimestamp.make("X2", 9L))),
                    drain(store.reverseAll()), b.name());
            store.close();
        }
    }

    @Test
    void aPlainPersistentSupplierDropsTimestampsAsKafkaStreamsDoes() {
        TimestampedKeyValueStore<String, String> store = open(builder(Stores.persistentKeyValueStore("plain")));
        store.put("a", ValueAndTimestamp.make("A", 42L));
        assertEquals(ValueAndTimestamp.make("A", -1L), store.get("a"));
        assertEquals(List.of(KeyValue.pair("a", ValueAndTimestamp.make("A", -1L))), drain(store.range("a", "z")));
        store.close();
    }

    @Test
    void defaultValueSerdeIsWrappedInTheTimestampedFormat() {
        TimestampedKeyValueStore<String, Long> store = Stores.<String, Long>timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("defaults"), null, null).build();
        store.init(new SimpleStateStoreContext("app", new TaskId(0, 0), dir.toFile(), Map.of(
                "default.key.serde", Serdes.StringSerde.class, "default.value.serde", Serdes.LongSerde.class)), store);
        store.put("k", ValueAndTimestamp.make(3L, 100L));
        assertEquals(ValueAndTimestamp.make(3L, 100L), store.get("k"));
        assertNull(ValueAndTimestamp.make(null, 100L));
        assertEquals(3L, ValueAndTimestamp.getValueOrNull(store.get("k")));
        store.close();
    }

    private static <K, V> List<KeyValue<K, V>> drain(KeyValueIterator<K, V> it) {
        List<KeyValue<K, V>> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
