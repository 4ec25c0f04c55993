package dev.millrace.streams;

import org.apache.kafka.common.serialization.Serdes;
import dev.millrace.streams.KeyValue;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.kstream.Grouped;
import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.KGroupedStream;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.Produced;
import dev.millrace.streams.kstream.SessionWindows;
import dev.millrace.streams.kstream.SlidingWindows;
import dev.millrace.streams.kstream.Suppressed;
import dev.millrace.streams.kstream.Suppressed.BufferConfig;
import dev.millrace.streams.kstream.TimeWindows;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.WindowedSerdes;
import dev.millrace.streams.state.Stores;

import java.time.Duration;

/**
 * Windowed programs of the differential test written against Millrace: KafkaWindowPrograms with the imports
 * changed and nothing else (a test checks it).
 */
final class MillraceWindowPrograms {
    private MillraceWindowPrograms() {
    }

    private static String show(Windowed<String> key) {
        return key.key() + "@" + key.window().start() + "-" + key.window().end();
    }

    /** Tumbling count with grace: records later than grace are dropped; keys written as text and in the windowed serde. */
    static void tumblingCount(StreamsBuilder b) {
        KStream<String, String> text = b.stream("text");
        var counts = text.groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(100), Duration.ofMillis(50)))
                .count();
        counts.toStream().map((k, c) -> KeyValue.pair(show(k), String.valueOf(c))).to("tumbling");
        counts.toStream().to("tumbling-raw", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, 100), Serdes.Long()));
    }

    /** Hopping count without grace, named store, key changed first so a repartition topic carries the windowed input. */
    static void hoppingCount(StreamsBuilder b) {
        KStream<String, String> text = b.stream("text");
        text.filter((k, v) -> v != null)
                .groupBy((k, v) -> v.isEmpty() ? "empty" : v.substring(0, 1), Grouped.as("by-letter"))
                .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(200)).advanceBy(Duration.ofMillis(50)))
                .count(Materialized.as("hopping-store"))
                .toStream()
                .to("hopping", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, 200), Serdes.Long()));
    }

    /** Tumbling reduce and aggregate over an in-memory window store with a longer retention. */
    static void tumblingReduceAggregate(StreamsBuilder b) {
        KGroupedStream<String, String> grouped = b.<String, String>stream("text").groupByKey();
        TimeWindows windows = TimeWindows.ofSizeAndGrace(Duration.ofMillis(80), Duration.ofMillis(120));
        grouped.windowedBy(windows)
                .reduce((a, v) -> v == null || a.length() >= v.length() ? a : v, Named.as("longest"))
                .toStream()
                .map((k, v) -> KeyValue.pair(show(k), v))
                .to("longest-per-window");
        grouped.windowedBy(windows)
                .aggregate(() -> 0L, (k, v, agg) -> agg + (v == null ? 0 : v.length()),
                        Materialized.<String, Long>as(Stores.inMemoryWindowStore("lengths-store",
                                Duration.ofMillis(1000), Duration.ofMillis(80), false)).withValueSerde(Serdes.Long()))
                .toStream()
                .map((k, v) -> KeyValue.pair(show(k), String.valueOf(v)))
                .to("lengths-per-window");
    }

    /** Sliding aggregate: Kafka Streams' exact window creation, early records in [0, d] included. */
    static void slidingAggregate(StreamsBuilder b) {
        KStream<String, String> text = b.stream("text");
        text.groupByKey()
                .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(100), Duration.ofMillis(30)))
                .aggregate(() -> "", (k, v, agg) -> agg.length() > 40 ? agg.substring(agg.length() - 20) + v.length() : agg + v.length(),
                        Materialized.with(Serdes.String(), Serdes.String()))
                .toStream()
                .map((k, v) -> KeyValue.pair(show(k), v))
                .to("sliding");
        text.groupByKey()
                .windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(60)))
                .count()
                .toStream()
                .to("sliding-counts", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, 60), Serdes.Long()));
    }

    /** Session count and a session aggregate whose merger shows the order sessions merge in; merges send deletes. */
    static void sessions(StreamsBuilder b) {
        KStream<String, String> text = b.stream("text");
        KGroupedStream<String, String> grouped = text.groupByKey();
        grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(60), Duration.ofMillis(40)))
                .count()
                .toStream()
                .to("session-counts", Produced.with(WindowedSerdes.sessionWindowedSerdeFrom(String.class), Serdes.Long()));
        grouped.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(30)))
                .aggregate(() -> "", (k, v, agg) -> agg + (v == null ? "-" : String.valueOf(v.length())),
                        (k, one, two) -> one + "|" + two, Materialized.as("sessions-store"))
                .toStream()
                .map((k, v) -> KeyValue.pair(show(k), v))
                .to("session-aggregates");
        grouped.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(45)))
                .reduce((a, v) -> a + "+" + v)
                .toStream()
                .map((k, v) -> KeyValue.pair(show(k), v))
                .to("session-reduced");
    }

    /** Final results only: a tumbling count and a session count suppressed until their windows close. */
    static void suppressUntilWindowCloses(StreamsBuilder b) {
        KGroupedStream<String, String> grouped = b.stream("text", Consumed.with(Serdes.String(), Serdes.String())).groupByKey();
        grouped.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(100), Duration.ofMillis(50)))
                .count()
                .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()))
                .toStream()
                .map((k, c) -> KeyValue.pair(show(k), String.valueOf(c)))
                .to("final-counts");
        grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(50), Duration.ofMillis(20)))
                .count(Materialized.as("session-final-store"))
                .filter((k, c) -> c > 1)
                .suppress(Suppressed.untilWindowCloses(BufferConfig.unbounded()).withName("final-sessions"))
                .toStream()
                .map((k, c) -> KeyValue.pair(show(k), String.valueOf(c)))
                .to("final-sessions");
    }

    /** untilTimeLimit on a plain and a windowed table, with bounded buffers that emit early when full. */
    static void suppressTimeLimit(StreamsBuilder b) {
        KGroupedStream<String, String> grouped = b.stream("text", Consumed.with(Serdes.String(), Serdes.String())).groupByKey();
        grouped.count()
                .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(120), BufferConfig.maxRecords(2).emitEarlyWhenFull()))
                .toStream()
                .to("limited-counts", Produced.valueSerde(Serdes.Long()));
        grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(100)).advanceBy(Duration.ofMillis(25)))
                .reduce((a, v) -> v)
                .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(60), BufferConfig.maxBytes(400).emitEarlyWhenFull())
                        .withName("latest-limited"))
                .toStream()
                .map((k, v) -> KeyValue.pair(show(k), v))
                .to("limited-latest");
    }
}
