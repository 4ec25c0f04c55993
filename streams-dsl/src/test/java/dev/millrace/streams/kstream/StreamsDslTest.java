package dev.millrace.streams.kstream;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.TestInputTopic;
import dev.millrace.streams.TopologyTestDriver;
import dev.millrace.streams.processor.api.ContextualFixedKeyProcessor;
import dev.millrace.streams.processor.api.FixedKeyProcessor;
import dev.millrace.streams.processor.api.FixedKeyProcessorSupplier;
import dev.millrace.streams.processor.api.FixedKeyRecord;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.StoreBuilder;
import dev.millrace.streams.state.Stores;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operator by operator, what the DSL does; the differential test checks the same against Kafka Streams at scale. */
class StreamsDslTest {
    private static Properties config() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "dsl-test");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        return p;
    }

    private static List<KeyValue<String, String>> run(StreamsBuilder b, List<KeyValue<String, String>> input, String output) {
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), config())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            long ts = 0;
            for (KeyValue<String, String> kv : input) in.pipeInput(kv.key, kv.value, ts++);
            return driver.createOutputTopic(output, new StringDeserializer(), new StringDeserializer()).readKeyValuesToList();
        }
    }

    @Test
    void statelessOperatorsTransformEachRecord() {
        List<String> peeked = new ArrayList<>();
        List<String> each = new ArrayList<>();
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> in = b.stream("in");
        in.foreach((k, v) -> each.add(k + v));
        in.filter((k, v) -> !v.startsWith("#"))
                .filterNot((k, v) -> v.isEmpty())
                .peek((k, v) -> peeked.add(v))
                .flatMapValues(v -> Arrays.asList(v.split(",")))
                .mapValues((k, v) -> k + ":" + v)
                .selectKey((k, v) -> v.substring(v.length() - 1))
                .map((k, v) -> KeyValue.pair(k.toUpperCase(), v.length() + ""))
                .flatMap((k, v) -> List.of(KeyValue.pair(k, v), KeyValue.pair(k + k, v)))
                .to("out");
        List<KeyValue<String, String>> out = run(b, List.of(KeyValue.pair("a", "x,yy"), KeyValue.pair("b", "#skip"),
                KeyValue.pair("c", "")), "out");
        assertEquals(List.of(KeyValue.pair("X", "3"), KeyValue.pair("XX", "3"), KeyValue.pair("Y", "4"), KeyValue.pair("YY", "4")), out);
        assertEquals(List.of("x,yy"), peeked);
        assertEquals(List.of("ax,yy", "b#skip", "c"), each);
    }

    @Test
    void splitSendsEachRecordToItsFirstMatchingBranchOrTheDefault() {
        StreamsBuilder b = new StreamsBuilder();
        Map<String, KStream<String, String>> branches = b.<String, String>stream("in")
                .split(Named.as("s-"))
                .branch((k, v) -> v.startsWith("a"), Branched.as("a"))
                .branch((k, v) -> v.startsWith("ab"), Branched.as("never"))
                .branch((k, v) -> v.startsWith("b"))
                .defaultBranch(Branched.as("other"));
        assertEquals(Set.of("s-a", "s-never", "s-3", "s-other"), branches.keySet());
        branches.get("s-a").mapValues(v -> "A " + v).to("out");
        branches.get("s-never").mapValues(v -> "NEVER " + v).to("out");
        branches.get("s-3").mapValues(v -> "B " + v).merge(branches.get("s-other").mapValues(v -> "O " + v)).to("out");
        List<KeyValue<String, String>> out = run(b, List.of(KeyValue.pair("1", "abc"), KeyValue.pair("2", "bcd"),
                KeyValue.pair("3", "cde")), "out");
        assertEquals(List.of(KeyValue.pair("1", "A abc"), KeyValue.pair("2", "B bcd"), KeyValue.pair("3", "O cde")), out);
    }

    @Test
    void toPicksTheTopicPerRecordWithAnExtractor() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").to((k, v, ctx) -> "out-" + k + "-from-" + ctx.topic());
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), config())) {
            driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("x", "1");
            assertEquals("1", driver.createOutputTopic("out-x-from-in", new StringDeserializer(), new StringDeserializer()).readValue());
        }
    }

    @Test
    void printWritesLabelledLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            StreamsBuilder b = new StreamsBuilder();
            KStream<String, String> s = b.stream("in");
            s.print(Printed.<String, String>toSysOut().withLabel("seen"));
            s.print(Printed.toSysOut());
            run(b, List.of(KeyValue.pair("k", "v")), "in");
        } finally {
            System.setOut(saved);
        }
        assertEquals("[seen]: k, v\n[KSTREAM-PRINTER-0000000002]: k, v\n", bytes.toString(StandardCharsets.UTF_8));
    }

    /** A supplier's own stores are added and connected; processValues keeps the key. */
    @Test
    void processValuesWithAStoreTheSupplierBrings() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").processValues(new FixedKeyProcessorSupplier<String, String, String>() {
            @Override
            public FixedKeyProcessor<String, String, String> get() {
                return new ContextualFixedKeyProcessor<>() {
                    @Override
                    public void process(FixedKeyRecord<String, String> r) {
                        KeyValueStore<String, String> last = context().getStateStore("last");
                        String before = last.get(r.key());
                        last.put(r.key(), r.value());
                        context().forward(r.withValue(before + "->" + r.value()));
                    }
                };
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("last"), Serdes.String(), Serdes.String()));
            }
        }).to("out");
        List<KeyValue<String, String>> out = run(b, List.of(KeyValue.pair("k", "1"), KeyValue.pair("k", "2"), KeyValue.pair("j", "3")), "out");
        assertEquals(List.of(KeyValue.pair("k", "null->1"), KeyValue.pair("k", "1->2"), KeyValue.pair("j", "null->3")), out);
    }

    /** groupBy goes through a repartition topic named after the store, prefixed with the application id. */
    @Test
    void groupByWritesThroughARepartitionTopic() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, Long> counts = b.<String, String>stream("in").groupBy((k, v) -> v).count(Materialized.as("by-value"));
        counts.toStream().to("out", Produced.valueSerde(Serdes.Long()));
        assertEquals("by-value", counts.queryableStoreName());
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), config())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            in.pipeInput("1", "x");
            in.pipeInput("2", "x");
            in.pipeInput("3", "y");
            assertTrue(driver.producedTopicNames().contains("dsl-test-by-value-repartition"), driver.producedTopicNames().toString());
            assertEquals(List.of(KeyValue.pair("x", 1L), KeyValue.pair("x", 2L), KeyValue.pair("y", 1L)),
                    driver.createOutputTopic("out", new StringDeserializer(), new LongDeserializer()).readKeyValuesToList());
        }
    }

    /** An unmaterialized table filter turns a failing row into a delete; null keys never enter a table. */
    @Test
    void tableFilterForwardsDeletesForFilteredRows() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> t = b.table("in");
        assertNull(t.queryableStoreName());
        t.filter((k, v) -> v.length() > 1).mapValues(v -> v + "!").toStream().to("out");
        List<KeyValue<String, String>> out = run(b, List.of(KeyValue.pair("a", "long"), KeyValue.pair("a", "x"),
                KeyValue.pair(null, "dropped"), KeyValue.pair("b", null)), "out");
        assertEquals(List.of(KeyValue.pair("a", "long!"), KeyValue.pair("a", null), KeyValue.pair("b", null)), out);
    }

    @Test
    void reduceAndAggregateFoldPerKey() {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> g = b.<String, String>stream("in").groupByKey();
        g.reduce((a, c) -> a + c).toStream().to("out");
        g.aggregate(() -> "", (k, v, agg) -> agg + v.length(), Materialized.with(Serdes.String(), Serdes.String()))
                .toStream().to("lengths");
        List<KeyValue<String, String>> out = run(b, List.of(KeyValue.pair("k", "ab"), KeyValue.pair("k", "c"),
                KeyValue.pair("k", null), KeyValue.pair(null, "z")), "out");
        assertEquals(List.of(KeyValue.pair("k", "ab"), KeyValue.pair("k", "abc")), out, "null keys and values are skipped");
    }

    @Test
    void unimplementedOptimizationFailsLoudly() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in").to("out");
        Properties p = new Properties();
        p.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, "all");
        assertThrows(UnsupportedOperationException.class, () -> b.build(p));
    }
}
