package dev.millrace.streams.state;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.internals.MemoryLRUCache;
import dev.millrace.streams.state.internals.MeteredKeyValueStore;
import dev.millrace.streams.state.internals.SimpleStateStoreContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LruAndBuilderTest {
    @TempDir
    Path dir;

    private static Bytes b(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> keys(KeyValueIterator<Bytes, byte[]> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> out.add(new String(kv.key.get(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void lruEvictsTheLeastRecentlyUsedAndScansDoNotCountAsUse() {
        MemoryLRUCache lru = (MemoryLRUCache) Stores.lruMap("lru", 3).get();
        List<String> evicted = new ArrayList<>();
        lru.setWhenEldestRemoved((k, v) -> evicted.add(new String(k.get(), StandardCharsets.UTF_8)));
        lru.init(StoreKind.context(dir), lru);
        lru.put(b("a"), new byte[]{1});
        lru.put(b("b"), new byte[]{2});
        lru.put(b("c"), new byte[]{3});
        lru.get(b("a"));                       // a is now the most recent; b is eldest
        assertEquals(List.of("a", "b", "c"), keys(lru.all()));
        assertEquals(List.of("b"), keys(lru.range(b("b"), b("b")))); // a scan must not refresh b
        lru.put(b("d"), new byte[]{4});
        assertEquals(List.of("b"), evicted);
        assertNull(lru.get(b("b")));
        lru.putIfAbsent(b("c"), new byte[]{9});   // counts as use of c: a is now eldest
        lru.put(b("e"), new byte[]{5});
        assertEquals(List.of("b", "a"), evicted);
        assertEquals(List.of("c", "d", "e"), keys(lru.all()));
        assertEquals(List.of("e", "d", "c"), keys(lru.reverseAll()));
        assertEquals(3, lru.approximateNumEntries());
        lru.close();
    }

    @Test
    void lruOfSizeZeroKeepsNothing() {
        KeyValueStore<Bytes, byte[]> lru = Stores.lruMap("lru", 0).get();
        lru.init(StoreKind.context(dir), lru);
        lru.put(b("a"), new byte[]{1});
        assertNull(lru.get(b("a")));
        lru.close();
        assertThrows(IllegalArgumentException.class, () -> Stores.lruMap("x", -1));
    }

    @Test
    void builtStoreUsesTheSerdesAndOrdersBySerializedBytes() {
        KeyValueStore<Integer, String> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore("ints"), Serdes.Integer(), Serdes.String()).build();
        store.init(StoreKind.context(dir), store);
        for (int i : new int[]{-2, -1, 0, 1, 300}) store.put(i, "v" + i);
        // big-endian two's complement: negatives serialize with a leading 0xFF and sort after positives, as in
        // Kafka Streams, because order is by serialized bytes
        List<Integer> order = new ArrayList<>();
        try (KeyValueIterator<Integer, String> it = store.all()) {
            it.forEachRemaining(kv -> order.add(kv.key));
        }
        assertEquals(List.of(0, 1, 300, -2, -1), order);
        try (KeyValueIterator<Integer, String> it = store.reverseRange(1, -2)) {
            assertEquals(List.of(KeyValue.pair(-2, "v-2"), KeyValue.pair(300, "v300"), KeyValue.pair(1, "v1")), drain(it));
        }
        assertEquals("v1", store.delete(1));
        assertEquals("v0", store.putIfAbsent(0, "other"));
        store.putAll(List.of(KeyValue.pair(7, "seven"), KeyValue.pair(0, null)));
        assertNull(store.get(0));
        assertEquals("seven", store.get(7));
        assertTrue(store.persistent());
        store.close();
        assertFalse(store.isOpen());
    }

    @Test
    void prefixScanUsesThePrefixSerializer() {
        KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("names"), Serdes.String(), Serdes.String()).build();
        store.init(StoreKind.context(dir), store);
        for (String s : List.of("ab", "abc", "abd", "ac", "b")) store.put(s, s.toUpperCase());
        try (KeyValueIterator<String, String> it = store.prefixScan("ab", new StringSerializer())) {
            assertEquals(List.of(KeyValue.pair("ab", "AB"), KeyValue.pair("abc", "ABC"), KeyValue.pair("abd", "ABD")), drain(it));
        }
        store.close();
    }

    @Test
    void nullSerdesComeFromTheDefaultSerdeConfigs() {
        KeyValueStore<String, Long> store = Stores.<String, Long>keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("defaults"), null, null).build();
        store.init(new SimpleStateStoreContext("app", new TaskId(0, 0), dir.toFile(), Map.of(
                "default.key.serde", Serdes.StringSerde.class,
                "default.value.serde", Serdes.LongSerde.class.getName())), store);
        store.put("x", 5L);
        assertEquals(5L, store.get("x"));
        store.close();

        KeyValueStore<String, Long> unconfigured = Stores.<String, Long>keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("none"), null, null).build();
        assertThrows(StreamsException.class, () -> unconfigured.init(StoreKind.context(dir), unconfigured));
    }

    @Test
    void builderDefaultsAndLoggingConfigAreKafkaStreams() {
        StoreBuilder<KeyValueStore<String, String>> builder =
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("cfg"), Serdes.String(), Serdes.String());
        assertEquals("cfg", builder.name());
        assertTrue(builder.loggingEnabled(), "logging is on by default, as in Kafka Streams");
        assertEquals(Map.of(), builder.logConfig());
        builder.withLoggingEnabled(Map.of("min.insync.replicas", "2"));
        assertEquals(Map.of("min.insync.replicas", "2"), builder.logConfig());
        builder.withLoggingDisabled();
        assertFalse(builder.loggingEnabled());
        assertEquals(Map.of(), builder.logConfig());
        assertEquals("app-cfg-changelog", MeteredKeyValueStore.changelogTopic("app", "cfg"));
    }

    private static <K, V> List<KeyValue<K, V>> drain(KeyValueIterator<K, V> it) {
        List<KeyValue<K, V>> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
