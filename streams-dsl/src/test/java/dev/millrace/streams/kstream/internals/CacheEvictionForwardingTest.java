package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.Topology;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.internals.RecordSink;
import dev.millrace.streams.processor.internals.StreamTask;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.internals.CachedStores;
import dev.millrace.streams.state.internals.NamedCache;
import dev.millrace.streams.state.internals.SimpleStateStoreContext;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cached aggregation under key pressure, run by a real task over a real cached in-memory store with a context that
 * never commits unless told: the store cache's byte budget, not the commit, decides when updates go downstream.
 */
class CacheEvictionForwardingTest {
    /** Room for about ten entries: 96 bytes of overhead, an 8-byte key and a 16-byte value and timestamp each. */
    private static final long BUDGET = 1_200;

    private record Out(String key, Long newValue, Long oldValue, long timestamp, long offset) {
    }

    @TempDir
    Path dir;
    private StreamTask task;
    private final List<Out> out = new ArrayList<>();
    private final List<Out> other = new ArrayList<>();
    private long offset;

    /**
     * Two branches in one task, sharing the task's record cache: topic "in" -> count (old values on, cached store
     * "counts") -> a processor recording what reaches it in {@link #out}; topic "other" the same into {@link #other}.
     */
    private void start(long budget) {
        Topology topology = new Topology();
        addCount(topology, "in", "counts", out);
        addCount(topology, "other", "other-counts", other);
        Map<String, Object> configs = Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "cache-forward",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
                StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(budget));
        StreamsConfig config = new StreamsConfig(configs);
        task = new StreamTask(new TaskId(0, 0), topology.internalTopologyBuilder(), config,
                new SimpleStateStoreContext("cache-forward", new TaskId(0, 0), dir.toFile(), config.originals()),
                () -> 0L, new RecordSink() {
                    @Override
                    public void send(String topic, Integer partition, byte[] key, byte[] value, Headers headers, long timestamp) {
                    }

                    @Override
                    public int partitionCount(String topic) {
                        return 1;
                    }
                });
        task.initialize();
    }

    private static void addCount(Topology topology, String topic, String storeName, List<Out> sink) {
        KStreamAggregate<String, String, Long> count =
                new KStreamAggregate<>(storeName, true, () -> 0L, (k, v, agg) -> agg + 1);
        count.enableSendingOldValues();
        topology.addSource(topic, new StringDeserializer(), new StringDeserializer(), topic);
        topology.addProcessor(topic + "-count", count, topic);
        topology.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), topic + "-count");
        topology.addProcessor(topic + "-capture", () -> new ContextualProcessor<String, Change<Long>, Void, Void>() {
            @Override
            public void process(Record<String, Change<Long>> r) {
                long at = context().recordMetadata().orElseThrow().offset();
                sink.add(new Out(r.key(), r.value().newValue, r.value().oldValue, r.timestamp(), at));
            }
        }, topic + "-count");
    }

    @AfterEach
    void close() {
        if (task != null) task.close();
    }

    private void pipe(String key, long timestamp) {
        pipe("in", key, timestamp);
    }

    private void pipe(String topic, String key, long timestamp) {
        task.process(topic, 0, offset++, key.getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8),
                timestamp, new RecordHeaders());
    }

    private NamedCache cache() {
        return CachedStores.namedCacheOf(task.stores().get("counts"));
    }

    @Test
    void manyDistinctKeysComeOutBeforeAnyCommitAndOnlyTheCacheBudgetWaits() {
        start(BUDGET);
        int keys = 2_000;
        for (int i = 0; i < keys; i++) {
            pipe(String.format("key-%04d", i), i);
            assertTrue(cache().sizeBytes() <= BUDGET, "the cache holds " + cache().sizeBytes() + " bytes");
            // what has not gone downstream is exactly what the cache still holds dirty: nothing else is kept
            Set<String> forwarded = new HashSet<>();
            for (Out o : out) forwarded.add(o.key());
            assertEquals(i + 1 - forwarded.size(), cache().dirtyEntries(), "updates waiting after record " + i);
        }
        assertTrue(out.size() > keys - 20, "only " + out.size() + " of " + keys + " updates forwarded before the commit");
        int before = out.size();
        task.commit();
        assertEquals(keys, out.size());
        for (int i = 0; i < keys; i++) {
            Out o = out.get(i);
            assertEquals(String.format("key-%04d", i), o.key(), "forwarded in the order of the writes");
            assertEquals(new Out(o.key(), 1L, null, i, i), o);
        }
        assertTrue(before < keys);
    }

    @Test
    void anEvictedUpdateCarriesTheValueLastForwardedAsOldValueAndItsOwnRecordsTimestampAndOffset() {
        start(BUDGET);
        pipe("aaaa-key", 100);                              // offset 0: a = 1
        pipe("aaaa-key", 300);                              // offset 1: a = 2, coalesces with the first
        for (int i = 0; i < 30; i++) pipe(String.format("fill-%03d", i), 400 + i); // evicts a
        List<Out> a = out.stream().filter(o -> o.key().equals("aaaa-key")).toList();
        assertEquals(List.of(new Out("aaaa-key", 2L, null, 300, 1)), a, "one coalesced update, before any commit");

        pipe("aaaa-key", 200);                              // offset 32: a = 3, an out-of-order record
        for (int i = 30; i < 60; i++) pipe(String.format("fill-%03d", i), 400 + i);
        a = out.stream().filter(o -> o.key().equals("aaaa-key")).toList();
        // the old value is what went downstream last (2); the timestamp is the aggregate's (max 300), the offset the
        // record's that made the update, as Kafka Streams forwards a flushed cache entry
        assertEquals(List.of(new Out("aaaa-key", 2L, null, 300, 1), new Out("aaaa-key", 3L, 2L, 300, 32)), a);
    }

    @Test
    void anotherStoresWritesEvictOnlyThatStoresUpdatesAndForwardThemAsThatStoresProcessor() {
        start(BUDGET);
        pipe("in", "aaaa-key", 100);
        pipe("in", "bbbb-key", 200);
        for (int i = 0; i < 30; i++) pipe("other", String.format("fill-%03d", i), 300 + i); // the budget is shared
        // as in Kafka Streams, the other branch's writes evict from its own store only: a and b wait for the commit
        assertEquals(List.of(), out);
        assertEquals(2, cache().dirtyEntries());
        int evictedOthers = other.size();
        assertTrue(evictedOthers > 20, "the other branch's own evictions forwarded only " + evictedOthers);
        for (int i = 0; i < evictedOthers; i++) assertEquals(String.format("fill-%03d", i), other.get(i).key());
        task.commit();
        assertEquals(List.of(new Out("aaaa-key", 1L, null, 100, 0), new Out("bbbb-key", 1L, null, 200, 1)), out);
        assertEquals(30, other.size(), "nothing forwarded twice");
    }

    @Test
    void withoutEvictionsNothingGoesDownstreamUntilTheCommit() {
        start(10L * 1024 * 1024);
        for (int i = 0; i < 500; i++) pipe(String.format("key-%04d", i % 50), i);
        assertEquals(List.of(), out);
        task.commit();
        assertEquals(50, out.size());
        for (int i = 0; i < 50; i++) assertEquals(new Out(String.format("key-%04d", i), 10L, null, 450 + i, 450 + i), out.get(i));
    }
}
