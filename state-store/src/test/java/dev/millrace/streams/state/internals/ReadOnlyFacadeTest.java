package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.ReadOnlyKeyValueStore;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;
import dev.millrace.streams.state.VersionedKeyValueStore;
import dev.millrace.streams.state.VersionedRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Read-only views for interactive queries answer the store's reads and offer no way to write. */
class ReadOnlyFacadeTest {
    private static final Set<String> WRITES = Set.of("put", "putIfAbsent", "putAll", "delete", "init", "flush", "close");

    @TempDir
    Path dir;

    private SimpleStateStoreContext context() {
        return new SimpleStateStoreContext("app", new TaskId(0, 0), dir.toFile(), Map.of());
    }

    private static List<String> entries(KeyValueIterator<String, String> it) {
        List<String> out = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                out.add(kv.key + "=" + kv.value);
            }
        }
        return out;
    }

    private static void assertNoWriteMethods(Object facade) {
        assertFalse(facade instanceof StateStore, "a view is not a store");
        assertFalse(facade instanceof KeyValueStore, "a view cannot be cast to a writable store");
        assertFalse(facade instanceof VersionedKeyValueStore, "a view cannot be cast to a writable store");
        for (Method m : facade.getClass().getMethods()) {
            assertFalse(WRITES.contains(m.getName()), "view exposes " + m);
        }
    }

    @Test
    void plainKeyValueView() {
        KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("kv"),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        store.init(context(), store);
        store.put("a", "1");
        store.put("b", "2");
        store.put("c", "3");
        ReadOnlyKeyValueStore<String, String> view = ReadOnlyKeyValueStoreFacade.of(store);
        assertNoWriteMethods(view);
        assertEquals("2", view.get("b"));
        assertNull(view.get("z"));
        assertEquals(List.of("a=1", "b=2"), entries(view.range("a", "b")));
        assertEquals(List.of("c=3", "b=2", "a=1"), entries(view.reverseAll()));
        assertEquals(3, view.approximateNumEntries());
        store.put("a", "9"); // a view, not a copy
        assertEquals("9", view.get("a"));
        store.close();
    }

    @Test
    void timestampedViewAnswersPlainValues() {
        TimestampedKeyValueStore<String, String> store = Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore("ts"), Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        store.init(context(), store);
        store.put("a", ValueAndTimestamp.make("1", 10));
        store.put("ab", ValueAndTimestamp.make("2", 20));
        store.put("b", ValueAndTimestamp.make("3", 30));
        ReadOnlyKeyValueStoreFacade<String, String> view = new ReadOnlyKeyValueStoreFacade<>(store);
        assertNoWriteMethods(view);
        assertEquals("2", view.get("ab"));
        assertEquals(List.of("a=1", "ab=2", "b=3"), entries(view.all()));
        assertEquals(List.of("ab=2", "a=1"), entries(view.reverseRange("a", "ab")));
        assertEquals(List.of("a=1", "ab=2"), entries(view.prefixScan("a", Serdes.String().serializer())));
        try (KeyValueIterator<String, String> it = view.all()) {
            assertEquals("a", it.peekNextKey());
        }
        store.close();
    }

    @Test
    void versionedView() {
        VersionedKeyValueStore<String, String> store = Stores.versionedKeyValueStoreBuilder(
                Stores.persistentVersionedKeyValueStore("ver", Duration.ofMillis(100)), Serdes.String(), Serdes.String())
                .withLoggingDisabled().build();
        store.init(context(), store);
        store.put("k", "old", 10);
        store.put("k", "new", 20);
        ReadOnlyVersionedKeyValueStoreFacade<String, String> view = new ReadOnlyVersionedKeyValueStoreFacade<>(store);
        assertNoWriteMethods(view);
        assertEquals(new VersionedRecord<>("new", 20), view.get("k"));
        assertEquals(new VersionedRecord<>("old", 10), view.get("k", 15));
        assertNull(view.get("k", 5));
        store.close();
    }
}
