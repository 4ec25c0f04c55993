package dev.millrace.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.CogroupedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.Suppressed.BufferConfig;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.WindowedSerdes;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Cogroup programs of the differential test written against Kafka Streams. MillraceCogroupPrograms is this file with
 * the imports of org.apache.kafka.streams changed to dev.millrace.streams and nothing else (a test checks it).
 */
final class KafkaCogroupPrograms {
    private KafkaCogroupPrograms() {
    }

    private static String show(Windowed<String> key) {
        return key.key() + "@" + key.window().start() + "-" + key.window().end();
    }

    private static int length(String v) {
        return v == null ? -1 : v.length();
    }

    /** Two streams grouped by key fold into one aggregate, each with its own aggregator; generated names throughout. */
    static void twoStreams(StreamsBuilder b) {
        KGroupedStream<String, String> clicks = b.<String, String>stream("clicks").groupByKey();
        KGroupedStream<String, String> views = b.<String, String>stream("views").groupByKey();
        clicks.<String>cogroup((k, v, agg) -> agg.length() > 30 ? "c" + length(v) : agg + "c" + length(v))
                .cogroup(views, (k, v, agg) -> agg.length() > 30 ? "v" + v.split(" ").length : agg + "v" + v.split(" ").length)
                .aggregate(() -> "")
                .toStream()
                .to("cogrouped");
    }

    /**
     * Three streams, two with changed keys: one through a repartition topic named by its Grouped, one through a topic
     * named after the store; a named cogroup with a named store and Long values, so every name comes from the user.
     */
    static void repartitioned(StreamsBuilder b) {
        KStream<String, String> text = b.stream("text", Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> other = b.stream("other");
        KGroupedStream<String, String> byKey = text.groupByKey();
        KGroupedStream<String, String> byLetter = text.filter((k, v) -> v != null && !v.isEmpty())
                .groupBy((k, v) -> v.substring(0, 1), Grouped.as("by-letter"));
        KGroupedStream<String, Integer> byWords = other.mapValues(v -> v == null ? 0 : v.split(" ").length)
                .selectKey((k, v) -> k == null ? "none" : k + "-" + (v % 2))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.Integer()));
        byKey.cogroup((String k, String v, Long agg) -> agg + 1)
                .cogroup(byLetter, (k, v, agg) -> agg + 100)
                .cogroup(byWords, (k, v, agg) -> agg + 10_000L * v)
                .aggregate(() -> 0L, Named.as("mixed"),
                        Materialized.<String, Long>as(Stores.inMemoryKeyValueStore("mixed-store")).withValueSerde(Serdes.Long()))
                .toStream()
                .to("mixed-out", Produced.valueSerde(Serdes.Long()));
    }

    /**
     * One input record reaching two aggregations of the same cogroup (two groupings of one stream): with caching the
     * store's cache forwards one update per key, with the aggregate both made. A third grouping changes the key.
     */
    static void sameRecordTwice(StreamsBuilder b) {
        KStream<String, String> text = b.stream("text");
        KGroupedStream<String, String> all = text.groupByKey();
        KGroupedStream<String, String> longOnes = text.filter((k, v) -> v != null && v.length() > 10).groupByKey();
        KGroupedStream<String, String> upper = text.selectKey((k, v) -> k == null ? "none" : k.toUpperCase()).groupByKey();
        CogroupedKStream<String, String> cogrouped = all.<String>cogroup((k, v, agg) -> agg.length() > 20 ? "a" : agg + "a")
                .cogroup(longOnes, (k, v, agg) -> agg + "L")
                .cogroup(upper, (k, v, agg) -> agg.length() > 20 ? "U" : agg + "U");
        cogrouped.aggregate(() -> "", Materialized.as("twice-store"))
                .toStream()
                .to("twice");
        // a second aggregation of the same cogroup: its own store and nodes, the first one's repartition topic
        cogrouped.aggregate(() -> "#", Named.as("second"))
                .filter((k, v) -> v.length() % 2 == 0)
                .toStream()
                .to("twice-even");
    }

    /** Tumbling and hopping cogroups, keys written in the windowed serde and as text, one table suppressed to final results. */
    static void timeWindows(StreamsBuilder b) {
        KGroupedStream<String, String> clicks = b.<String, String>stream("clicks").groupByKey();
        KGroupedStream<String, String> views = b.<String, String>stream("views")
                .groupBy((k, v) -> k, Grouped.with("views-rekeyed", Serdes.String(), Serdes.String()));
        CogroupedKStream<String, Long> cogrouped = clicks.<Long>cogroup((k, v, agg) -> agg + 1)
                .cogroup(views, (k, v, agg) -> agg + 1000);
        KTable<Windowed<String>, Long> tumbling = cogrouped
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(100), Duration.ofMillis(50)))
                .aggregate(() -> 0L, Materialized.with(Serdes.String(), Serdes.Long()));
        tumbling.toStream()
                .to("tumbling", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, 100), Serdes.Long()));
        tumbling.suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
                .toStream()
                .map((k, v) -> KeyValue.pair(show(k), String.valueOf(v)))
                .to("tumbling-final");
        cogrouped.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(200)).advanceBy(Duration.ofMillis(50)))
                .aggregate(() -> 0L, Named.as("hopping"), Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("hopping-store").withValueSerde(Serdes.Long()))
                .toStream()
                .map((k, v) -> KeyValue.pair(show(k), String.valueOf(v)))
                .to("hopping");
    }

    /** Sliding and session cogroups; the session merger shows the order sessions merge in. */
    static void slidingAndSessions(StreamsBuilder b) {
        KGroupedStream<String, String> clicks = b.<String, String>stream("clicks").groupByKey();
        KGroupedStream<String, String> views = b.<String, String>stream("views").groupByKey();
        clicks.<String>cogroup((k, v, agg) -> agg.length() > 30 ? "c" : agg + "c")
                .cogroup(views, (k, v, agg) -> agg.length() > 30 ? "v" : agg + "v")
                .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(100), Duration.ofMillis(30)))
                .aggregate(() -> "")
                .toStream()
                .map((k, v) -> KeyValue.pair(show(k), v))
                .to("sliding");
        clicks.<String>cogroup((k, v, agg) -> agg + length(v))
                .cogroup(views, (k, v, agg) -> agg + "v")
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(60), Duration.ofMillis(40)))
                .aggregate(() -> "", (k, one, two) -> one + "|" + two, Named.as("sessions"))
                .toStream()
                .map((k, v) -> KeyValue.pair(show(k), v))
                .to("sessions");
        clicks.<Long>cogroup((k, v, agg) -> agg + 1)
                .cogroup(views, (k, v, agg) -> agg + 1)
                .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(30)))
                .aggregate(() -> 0L, (k, one, two) -> one + two,
                        Materialized.<String, Long>as(Stores.inMemorySessionStore("session-counts-store", Duration.ofMillis(500)))
                                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .toStream()
                .to("session-counts", Produced.with(WindowedSerdes.sessionWindowedSerdeFrom(String.class), Serdes.Long()));
    }

    /**
     * repartition(): generated names, a named topic with its own serdes and partition count, and a partitioner that
     * sends some records to partition 0 and drops others (an empty set).
     */
    static void repartitions(StreamsBuilder b) {
        KStream<String, String> text = b.stream("text");
        text.repartition()
                .groupByKey()
                .count()
                .toStream()
                .to("rep-counts", Produced.valueSerde(Serdes.Long()));
        text.mapValues(v -> v == null ? -1 : v.length())
                .repartition(Repartitioned.<String, Integer>as("lengths").withValueSerde(Serdes.Integer()).withNumberOfPartitions(3))
                .filter((k, v) -> v != 0)
                .to("rep-lengths", Produced.valueSerde(Serdes.Integer()));
        text.repartition(Repartitioned.with(Serdes.String(), Serdes.String())
                        .withStreamPartitioner((topic, k, v, n) -> v != null && v.contains("fox") ? Optional.of(Set.of())
                                : k == null ? Optional.empty() : Optional.of(Set.of(0))))
                .mapValues(v -> "[" + v + "]")
                .to("rep-partitioned");
    }
}
