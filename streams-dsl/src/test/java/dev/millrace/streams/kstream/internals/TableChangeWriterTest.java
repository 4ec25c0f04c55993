package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.TestInputTopic;
import dev.millrace.streams.Topology;
import dev.millrace.streams.TopologyTestDriver;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The writer behind the table processors, without caching: a processor turns each input record into a change whose
 * old value is {@value #GIVEN_OLD} and hands it to the writer, with the value {@link TableChangeWriter#stored} read
 * just before; a second processor records what reaches it.
 */
class TableChangeWriterTest {
    private static final String GIVEN_OLD = "given-old";
    private static final String STORE = "table";

    private record Out(String key, String newValue, String oldValue, long timestamp) {
    }

    @TempDir
    Path stateDir;
    private final List<Out> out = new ArrayList<>();
    private final List<String> storedBefore = new ArrayList<>();
    private final List<Boolean> materialized = new ArrayList<>();

    /** @param storeName the writer's store (added to the topology), or null for an unmaterialized table */
    private TopologyTestDriver driver(String storeName, boolean sendOldValues) {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "in");
        topology.addProcessor("write", () -> new ContextualProcessor<String, String, String, Change<String>>() {
            private TableChangeWriter<String, String> writer;

            @Override
            public void init(ProcessorContext<String, Change<String>> context) {
                super.init(context);
                writer = new TableChangeWriter<>(context, storeName, false, sendOldValues);
            }

            @Override
            public void process(Record<String, String> record) {
                String stored = writer.stored(record.key());
                storedBefore.add(stored);
                materialized.add(writer.materialized());
                writer.write(record.withValue(new Change<>(record.value(), GIVEN_OLD)), stored);
            }
        }, "in");
        if (storeName != null) {
            topology.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName),
                    Serdes.String(), Serdes.String()).withCachingDisabled(), "write");
        }
        topology.addProcessor("capture", () -> new ContextualProcessor<String, Change<String>, Void, Void>() {
            @Override
            public void process(Record<String, Change<String>> r) {
                out.add(new Out(r.key(), r.value().newValue, r.value().oldValue, r.timestamp()));
            }
        }, "write");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "table-change-writer");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(topology, config);
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver driver) {
        return driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
    }

    @Test
    void unmaterializedForwardsTheChangeWithoutItsOldValueAndStoresNothing() {
        try (TopologyTestDriver driver = driver(null, false)) {
            TestInputTopic<String, String> in = input(driver);
            in.pipeInput("a", "x", 10L);
            in.pipeInput("a", "y", 20L);
        }
        assertEquals(List.of(new Out("a", "x", null, 10L), new Out("a", "y", null, 20L)), out);
        assertEquals(Arrays.asList(null, null), storedBefore, "no store to read");
        assertEquals(List.of(false, false), materialized);
    }

    @Test
    void unmaterializedWithOldValuesWantedForwardsTheChangeAsGiven() {
        try (TopologyTestDriver driver = driver(null, true)) {
            TestInputTopic<String, String> in = input(driver);
            in.pipeInput("a", "x", 10L);
        }
        assertEquals(List.of(new Out("a", "x", GIVEN_OLD, 10L)), out);
    }

    @Test
    void materializedWritesEachNewValueWithItsRecordsTimestampAndReadsTheValueBeforeIt() {
        try (TopologyTestDriver driver = driver(STORE, true)) {
            TestInputTopic<String, String> in = input(driver);
            KeyValueStore<String, ValueAndTimestamp<String>> store = driver.getTimestampedKeyValueStore(STORE);
            in.pipeInput("a", "x", 10L);
            assertEquals(ValueAndTimestamp.make("x", 10L), store.get("a"));
            in.pipeInput("a", "y", 5L);
            assertEquals(ValueAndTimestamp.make("y", 5L), store.get("a"), "the record's timestamp, even an earlier one");
            in.pipeInput("a", null, 30L);
            assertNull(store.get("a"), "a null new value deletes the row");
        }
        assertEquals(Arrays.asList(null, "x", "y"), storedBefore);
        assertEquals(List.of(true, true, true), materialized);
        // uncached, the change goes downstream at once, as the processor made it
        assertEquals(List.of(new Out("a", "x", GIVEN_OLD, 10L), new Out("a", "y", GIVEN_OLD, 5L),
                new Out("a", null, GIVEN_OLD, 30L)), out);
    }

    @Test
    void materializedWithoutOldValuesForwardsNoOldValue() {
        try (TopologyTestDriver driver = driver(STORE, false)) {
            TestInputTopic<String, String> in = input(driver);
            in.pipeInput("a", "x", 10L);
            in.pipeInput("a", "y", 20L);
        }
        assertEquals(Arrays.asList(null, "x"), storedBefore, "the store is read whether or not old values are sent");
        assertEquals(List.of(new Out("a", "x", null, 10L), new Out("a", "y", null, 20L)), out);
    }
}
