package dev.millrace.streams.kstream;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.TestInputTopic;
import dev.millrace.streams.TopologyTestDriver;
import dev.millrace.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Cogroup behaviour through the test driver, and bad arguments: each is given to Kafka Streams' DSL and to ours, and
 * both must throw the same exception type with the same message.
 */
class CogroupDslTest {
    private static Properties config(boolean caching) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "cogroup-test");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        if (!caching) p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        return p;
    }

    @Test
    void eachStreamFoldsIntoTheSharedAggregateWithItsOwnAggregator() {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> clicks = b.<String, String>stream("clicks").groupByKey();
        KGroupedStream<String, String> views = b.<String, String>stream("views").groupByKey();
        clicks.<String>cogroup((k, v, agg) -> agg + "c:" + v + ",")
                .cogroup(views, (k, v, agg) -> agg + "v:" + v + ",")
                .aggregate(() -> "", Materialized.as("activity"))
                .toStream().to("out");
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), config(false))) {
            TestInputTopic<String, String> c = driver.createInputTopic("clicks", new StringSerializer(), new StringSerializer());
            TestInputTopic<String, String> v = driver.createInputTopic("views", new StringSerializer(), new StringSerializer());
            c.pipeInput("alice", "home", 10);
            v.pipeInput("alice", "cart", 30);
            v.pipeInput("bob", "home", 20);
            c.pipeInput("alice", null, 40); // null values are skipped, as by any grouped aggregation
            c.pipeInput(null, "home", 50); // and so are null keys
            assertEquals(List.of(KeyValue.pair("alice", "c:home,"), KeyValue.pair("alice", "c:home,v:cart,"),
                            KeyValue.pair("bob", "v:home,")),
                    driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()).readKeyValuesToList());
            ValueAndTimestamp<String> alice = driver.<String, String>getTimestampedKeyValueStore("activity").get("alice");
            assertEquals(ValueAndTimestamp.make("c:home,v:cart,", 30), alice, "the aggregate keeps its latest record's time");
        }
    }

    /**
     * One record reaching two aggregations of a cogroup (the filter's first: it was added to the source first): the
     * store's cache forwards their joint result once.
     */
    @Test
    void updatesOfOneRecordThroughTwoStreamsCoalesceWhenCaching() {
        for (boolean caching : new boolean[] {true, false}) {
            StreamsBuilder b = new StreamsBuilder();
            KStream<String, String> in = b.stream("in");
            in.groupByKey().<String>cogroup((k, v, agg) -> agg + "a")
                    .cogroup(in.filter((k, v) -> v.length() > 3).groupByKey(), (k, v, agg) -> agg + "L")
                    .aggregate(() -> "")
                    .toStream().to("out");
            try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), config(caching))) {
                TestInputTopic<String, String> t = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
                t.pipeInput("k", "long one", 1);
                t.pipeInput("k", "s", 2);
                List<KeyValue<String, String>> out =
                        driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()).readKeyValuesToList();
                List<KeyValue<String, String>> expected = caching
                        ? List.of(KeyValue.pair("k", "La"), KeyValue.pair("k", "Laa"))
                        : List.of(KeyValue.pair("k", "L"), KeyValue.pair("k", "La"), KeyValue.pair("k", "Laa"));
                assertEquals(expected, out, "caching " + caching);
            }
        }
    }

    @Test
    void sessionCogroupMergesSessionsWithTheMerger() {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> clicks = b.<String, String>stream("clicks").groupByKey();
        KGroupedStream<String, String> views = b.<String, String>stream("views").groupByKey();
        clicks.<String>cogroup((k, v, agg) -> agg + "c")
                .cogroup(views, (k, v, agg) -> agg + "v")
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(10), Duration.ofMillis(100)))
                .aggregate(() -> "", (k, one, two) -> one + "+" + two)
                .toStream((k, v) -> k.key() + "@" + k.window().start() + "-" + k.window().end())
                .to("out");
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), config(false))) {
            TestInputTopic<String, String> c = driver.createInputTopic("clicks", new StringSerializer(), new StringSerializer());
            TestInputTopic<String, String> v = driver.createInputTopic("views", new StringSerializer(), new StringSerializer());
            c.pipeInput("k", "x", 0);
            v.pipeInput("k", "x", 20);
            c.pipeInput("k", "x", 10); // bridges both sessions
            assertEquals(List.of(KeyValue.pair("k@0-0", "c"), KeyValue.pair("k@20-20", "v"), KeyValue.pair("k@0-0", null),
                            KeyValue.pair("k@20-20", null), KeyValue.pair("k@0-20", "+c+vc")),
                    driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()).readKeyValuesToList());
        }
    }

    // ---- bad input: the same exception and message as Kafka Streams ----

    private static void assertSameError(Executable kafka, Executable millrace) {
        Throwable expected = assertThrows(Throwable.class, kafka, "Kafka Streams accepts it");
        Throwable actual = assertThrows(Throwable.class, millrace, "Millrace accepts it");
        assertEquals(expected.getClass().getSimpleName(), actual.getClass().getSimpleName(), expected.toString());
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    private interface KafkaCogroup extends Consumer<org.apache.kafka.streams.kstream.CogroupedKStream<String, String>> {
    }

    private interface MillraceCogroup extends Consumer<CogroupedKStream<String, String>> {
    }

    private static void assertSameCogroupError(KafkaCogroup kafka, MillraceCogroup millrace) {
        assertSameError(() -> {
            var b = new org.apache.kafka.streams.StreamsBuilder();
            kafka.accept(b.<String, String>stream("in").groupByKey().cogroup((k, v, agg) -> agg + v));
            b.build();
        }, () -> {
            StreamsBuilder b = new StreamsBuilder();
            millrace.accept(b.<String, String>stream("in").groupByKey().cogroup((k, v, agg) -> agg + v));
            b.build();
        });
    }

    @Test
    void nullArgumentsAreRefusedAsKafkaStreamsRefusesThem() {
        assertSameError(() -> new org.apache.kafka.streams.StreamsBuilder().<String, String>stream("in").groupByKey().cogroup(null),
                () -> new StreamsBuilder().<String, String>stream("in").groupByKey().cogroup(null));
        assertSameCogroupError(c -> c.cogroup(null, (k, v, agg) -> agg), c -> c.cogroup(null, (k, v, agg) -> agg));
        assertSameCogroupError(c -> c.cogroup(new org.apache.kafka.streams.StreamsBuilder().<String, String>stream("x").groupByKey(), null),
                c -> c.cogroup(new StreamsBuilder().<String, String>stream("x").groupByKey(), null));
        assertSameCogroupError(c -> c.aggregate(null), c -> c.aggregate(null));
        assertSameCogroupError(c -> c.aggregate(() -> "", (org.apache.kafka.streams.kstream.Named) null),
                c -> c.aggregate(() -> "", (Named) null));
        assertSameCogroupError(c -> c.aggregate(() -> "",
                        (org.apache.kafka.streams.kstream.Materialized<String, String, org.apache.kafka.streams.state.KeyValueStore<
                                org.apache.kafka.common.utils.Bytes, byte[]>>) null),
                c -> c.aggregate(() -> "", (Materialized<String, String, dev.millrace.streams.state.KeyValueStore<
                        org.apache.kafka.common.utils.Bytes, byte[]>>) null));
        assertSameCogroupError(c -> c.windowedBy((org.apache.kafka.streams.kstream.TimeWindows) null),
                c -> c.windowedBy((TimeWindows) null));
        assertSameCogroupError(c -> c.windowedBy((org.apache.kafka.streams.kstream.SlidingWindows) null),
                c -> c.windowedBy((SlidingWindows) null));
        assertSameCogroupError(c -> c.windowedBy((org.apache.kafka.streams.kstream.SessionWindows) null),
                c -> c.windowedBy((SessionWindows) null));
        assertSameCogroupError(c -> c.windowedBy(org.apache.kafka.streams.kstream.TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(5)))
                        .aggregate(null),
                c -> c.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(5))).aggregate(null));
        assertSameCogroupError(c -> c.windowedBy(org.apache.kafka.streams.kstream.SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(5)))
                        .aggregate(() -> "", (org.apache.kafka.streams.kstream.Named) null),
                c -> c.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(5))).aggregate(() -> "", (Named) null));
        assertSameCogroupError(c -> c.windowedBy(org.apache.kafka.streams.kstream.SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(5)))
                        .aggregate(() -> "", null),
                c -> c.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(5))).aggregate(() -> "", null));
        assertSameCogroupError(c -> c.windowedBy(org.apache.kafka.streams.kstream.SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(5)))
                        .aggregate(null, (k, a, b) -> a, org.apache.kafka.streams.kstream.Named.as("n"), null),
                c -> c.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(5)))
                        .aggregate(null, (k, a, b) -> a, Named.as("n"), null));
        assertSameCogroupError(c -> c.windowedBy(org.apache.kafka.streams.kstream.SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(5)))
                        .aggregate(() -> "", (k, a, b) -> a, (org.apache.kafka.streams.kstream.Named) null),
                c -> c.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(5)))
                        .aggregate(() -> "", (k, a, b) -> a, (Named) null));
    }

    @Test
    void badNamesAndStoresAreRefusedAsKafkaStreamsRefusesThem() {
        String longName = "n".repeat(240);
        assertSameCogroupError(c -> c.aggregate(() -> "", org.apache.kafka.streams.kstream.Named.as(longName)),
                c -> c.aggregate(() -> "", Named.as(longName)));
        assertSameCogroupError(c -> c.windowedBy(org.apache.kafka.streams.kstream.TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(100)))
                        .aggregate(() -> "", org.apache.kafka.streams.kstream.Materialized.<String, String,
                                org.apache.kafka.streams.state.WindowStore<org.apache.kafka.common.utils.Bytes, byte[]>>as("short")
                                .withRetention(Duration.ofMillis(50))),
                c -> c.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(100)))
                        .aggregate(() -> "", Materialized.<String, String, dev.millrace.streams.state.WindowStore<
                                org.apache.kafka.common.utils.Bytes, byte[]>>as("short").withRetention(Duration.ofMillis(50))));
        assertSameCogroupError(c -> c.windowedBy(org.apache.kafka.streams.kstream.SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(100)))
                        .aggregate(() -> "", (k, a, b) -> a, org.apache.kafka.streams.kstream.Materialized.<String, String,
                                org.apache.kafka.streams.state.SessionStore<org.apache.kafka.common.utils.Bytes, byte[]>>as("short")
                                .withRetention(Duration.ofMillis(50))),
                c -> c.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(100)))
                        .aggregate(() -> "", (k, a, b) -> a, Materialized.<String, String, dev.millrace.streams.state.SessionStore<
                                org.apache.kafka.common.utils.Bytes, byte[]>>as("short").withRetention(Duration.ofMillis(50))));
    }
}
