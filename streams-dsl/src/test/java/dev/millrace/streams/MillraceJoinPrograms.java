package dev.millrace.streams;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import dev.millrace.streams.KeyValue;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.GlobalKTable;
import dev.millrace.streams.kstream.JoinWindows;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.StreamJoined;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.Stores;

import java.time.Duration;

/**
 * Join programs of the differential test written against Kafka Streams. MillraceJoinPrograms is this file with the
 * imports of org.apache.kafka.streams changed to dev.millrace.streams and nothing else (a test checks it).
 */
final class MillraceJoinPrograms {
    private MillraceJoinPrograms() {
    }

    private static String pair(String left, String right) {
        return left + "+" + right;
    }

    /** Inner join without grace: late records only join what the stores still hold. */
    static void innerJoin(StreamsBuilder b) {
        KStream<String, String> left = b.stream("left");
        KStream<String, String> right = b.stream("right");
        left.join(right, MillraceJoinPrograms::pair, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(100)))
                .to("inner");
    }

    /** Left join with grace: unmatched left records leave once window plus grace has closed. */
    static void leftJoin(StreamsBuilder b) {
        KStream<String, String> left = b.stream("left");
        KStream<String, String> right = b.stream("right");
        left.leftJoin(right, MillraceJoinPrograms::pair,
                        JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(100), Duration.ofMillis(50)))
                .to("left-joined");
    }

    /** Outer join on an asymmetric window, the key seen by the joiner. */
    static void outerJoin(StreamsBuilder b) {
        KStream<String, String> left = b.stream("left");
        KStream<String, String> right = b.stream("right");
        JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(60), Duration.ofMillis(30))
                .before(Duration.ofMillis(120));
        left.outerJoin(right, (k, l, r) -> k + ":" + pair(l, r), windows).to("outer-joined");
    }

    /** Named join with a store name, and an outer join on in-memory store suppliers; both with serdes given. */
    static void namedJoins(StreamsBuilder b) {
        KStream<String, String> left = b.stream("left");
        KStream<String, String> right = b.stream("right");
        JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(80), Duration.ofMillis(40));
        left.join(right, MillraceJoinPrograms::pair, windows,
                        StreamJoined.<String, String, String>as("pairs").withName("pairing")
                                .withKeySerde(Serdes.String()).withLoggingDisabled())
                .to("named-inner");
        left.outerJoin(right, MillraceJoinPrograms::pair, windows,
                        StreamJoined.<String, String, String>with(
                                        Stores.inMemoryWindowStore("mem-left", Duration.ofMillis(200), Duration.ofMillis(160), true),
                                        Stores.inMemoryWindowStore("mem-right", Duration.ofMillis(200), Duration.ofMillis(160), true))
                                .withValueSerde(Serdes.String()).withOtherValueSerde(Serdes.String()))
                .mapValues(v -> v.toUpperCase())
                .to("memory-outer");
    }

    /** Both sides re-keyed: repartition topics before the join, generated names on one join and given ones on the other. */
    static void repartitionedJoins(StreamsBuilder b) {
        KStream<String, String> left = b.<String, String>stream("left")
                .selectKey((k, v) -> v == null || v.isEmpty() ? null : v.substring(0, 1));
        KStream<String, String> right = b.<String, String>stream("right")
                .map((k, v) -> KeyValue.pair(v == null || v.isEmpty() ? null : v.substring(0, 1), k));
        left.join(right, MillraceJoinPrograms::pair, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(150)))
                .to("by-letter");
        left.leftJoin(right, MillraceJoinPrograms::pair,
                        JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(50), Duration.ofMillis(100)),
                        StreamJoined.<String, String, String>with(Serdes.String(), Serdes.String(), Serdes.String())
                                .withName("letters"))
                .to("by-letter-left");
    }

    /** The deprecated JoinWindows.of: left/outer results are emitted eagerly, no shared store. */
    @SuppressWarnings("deprecation")
    static void eagerOuterJoin(StreamsBuilder b) {
        KStream<String, String> left = b.stream("left");
        KStream<String, String> right = b.stream("right");
        left.outerJoin(right, MillraceJoinPrograms::pair, JoinWindows.of(Duration.ofMillis(70))).to("eager-outer");
    }

    /** A global table enriching a stream, inner on the record's key and left on a key derived from the value, named. */
    static void globalTableJoins(StreamsBuilder b) {
        GlobalKTable<String, String> global = b.globalTable("global");
        KStream<String, String> left = b.stream("left");
        left.join(global, (k, v) -> k, MillraceJoinPrograms::pair).to("global-inner");
        left.leftJoin(global, (k, v) -> v == null || v.isEmpty() ? null : "k" + (1 + v.length() % 3),
                        (k, v, g) -> k + ":" + pair(v, g), Named.as("enrich"))
                .to("global-left");
    }

    /**
     * A global table with a named source and store, joined after a key change (no repartition for global joins), and
     * with a joiner that sees the stream key and the selected table key.
     */
    static void namedGlobalTable(StreamsBuilder b) {
        GlobalKTable<String, String> global = b.globalTable("global", Consumed.as("global-in"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("global-store"));
        b.<String, String>stream("right")
                .selectKey((k, v) -> v)
                .leftJoin(global, (k, v) -> k == null ? null : "k" + (1 + k.length() % 3), MillraceJoinPrograms::pair)
                .to("rekeyed-global");
        b.<String, String>stream("left")
                .join(global, (k, v) -> v == null || v.isEmpty() ? null : "k" + (1 + v.length() % 3),
                        (k, tableKey, v, g) -> k + "/" + tableKey + ":" + pair(v, g), Named.as("with-table-key"))
                .to("with-table-key");
    }

    /** One re-keyed stream joined twice without names: Kafka writes it through one repartition topic for both. */
    static void sharedRepartition(StreamsBuilder b) {
        KStream<String, String> left = b.<String, String>stream("left").selectKey((k, v) -> v);
        KStream<String, String> right = b.stream("right");
        JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(100), Duration.ofMillis(20));
        left.join(right, MillraceJoinPrograms::pair, windows).to("shared-inner");
        left.outerJoin(right, MillraceJoinPrograms::pair, windows).to("shared-outer");
    }
}
