package dev.millrace.streams;

import dev.millrace.streams.kstream.JoinWindows;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.StreamJoined;
import dev.millrace.streams.state.Stores;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stream-stream join arguments and store options against Kafka Streams 4.4: same exceptions, same messages. */
class StreamJoinTest {
    private static void sameMessage(Executable kafka, Executable millrace) {
        Throwable k = assertThrows(Throwable.class, kafka);
        Throwable m = assertThrows(Throwable.class, millrace);
        assertEquals(k.getClass().getSimpleName(), m.getClass().getSimpleName());
        assertEquals(k.getMessage(), m.getMessage());
    }

    private static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    @Test
    void joinWindowsArgumentErrorsAreKafkas() {
        sameMessage(() -> org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceWithNoGrace(ms(-1)),
                () -> JoinWindows.ofTimeDifferenceWithNoGrace(ms(-1)));
        sameMessage(() -> org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(ms(10), ms(-1)),
                () -> JoinWindows.ofTimeDifferenceAndGrace(ms(10), ms(-1)));
        sameMessage(() -> org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(null, ms(1)),
                () -> JoinWindows.ofTimeDifferenceAndGrace(null, ms(1)));
        sameMessage(() -> org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(ms(1), null),
                () -> JoinWindows.ofTimeDifferenceAndGrace(ms(1), null));
        sameMessage(() -> org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(Long.MAX_VALUE)),
                () -> JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofSeconds(Long.MAX_VALUE)));
        // before/after may be negative as long as the window is not
        sameMessage(() -> org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceWithNoGrace(ms(10)).before(ms(-11)),
                () -> JoinWindows.ofTimeDifferenceWithNoGrace(ms(10)).before(ms(-11)));
        sameMessage(() -> org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceWithNoGrace(ms(10)).after(ms(-11)),
                () -> JoinWindows.ofTimeDifferenceWithNoGrace(ms(10)).after(ms(-11)));
        sameMessage(() -> org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceWithNoGrace(ms(10)).windowsFor(5),
                () -> JoinWindows.ofTimeDifferenceWithNoGrace(ms(10)).windowsFor(5));
        sameMessage(() -> grace(org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceWithNoGrace(ms(10))),
                () -> grace(JoinWindows.ofTimeDifferenceWithNoGrace(ms(10))));
    }

    @SuppressWarnings("deprecation")
    private static void grace(org.apache.kafka.streams.kstream.JoinWindows windows) {
        windows.grace(ms(5));
    }

    @SuppressWarnings("deprecation")
    private static void grace(JoinWindows windows) {
        windows.grace(ms(5));
    }

    @Test
    void joinWindowsValuesAreKafkas() {
        var kafka = org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(ms(30), ms(7)).before(ms(50)).after(ms(-20));
        var ours = JoinWindows.ofTimeDifferenceAndGrace(ms(30), ms(7)).before(ms(50)).after(ms(-20));
        assertEquals(kafka.toString(), ours.toString());
        assertEquals(kafka.size(), ours.size());
        assertEquals(kafka.gracePeriodMs(), ours.gracePeriodMs());
        assertEquals(JoinWindows.ofTimeDifferenceAndGrace(ms(30), ms(7)), JoinWindows.ofTimeDifferenceAndGrace(ms(30), ms(7)));
        @SuppressWarnings("deprecation")
        var kafkaOld = org.apache.kafka.streams.kstream.JoinWindows.of(ms(1000));
        @SuppressWarnings("deprecation")
        var ourOld = JoinWindows.of(ms(1000));
        assertEquals(kafkaOld.gracePeriodMs(), ourOld.gracePeriodMs());
    }

    @Test
    void nullArgumentsAreRefusedAsKafka() {
        var kb = new org.apache.kafka.streams.StreamsBuilder();
        org.apache.kafka.streams.kstream.KStream<String, String> kl = kb.stream("l");
        org.apache.kafka.streams.kstream.KStream<String, String> kr = kb.stream("r");
        var kw = org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceWithNoGrace(ms(10));
        StreamsBuilder mb = new StreamsBuilder();
        KStream<String, String> ml = mb.stream("l");
        KStream<String, String> mr = mb.stream("r");
        JoinWindows mw = JoinWindows.ofTimeDifferenceWithNoGrace(ms(10));
        sameMessage(() -> kl.join(null, (a, b) -> a, kw), () -> ml.join(null, (a, b) -> a, mw));
        sameMessage(() -> kl.leftJoin(kr, (org.apache.kafka.streams.kstream.ValueJoiner<String, String, String>) null, kw),
                () -> ml.leftJoin(mr, (dev.millrace.streams.kstream.ValueJoiner<String, String, String>) null, mw));
        sameMessage(() -> kl.outerJoin(kr, (a, b) -> a, null), () -> ml.outerJoin(mr, (a, b) -> a, null));
        sameMessage(() -> kl.join(kr, (a, b) -> a, kw, null), () -> ml.join(mr, (a, b) -> a, mw, null));
    }

    @Test
    void storeSupplierErrorsAreKafkas() {
        var kw = org.apache.kafka.streams.kstream.JoinWindows.ofTimeDifferenceAndGrace(ms(10), ms(5));
        JoinWindows mw = JoinWindows.ofTimeDifferenceAndGrace(ms(10), ms(5));
        sameMessage(() -> kafkaJoin(org.apache.kafka.streams.kstream.StreamJoined.with(
                        org.apache.kafka.streams.state.Stores.inMemoryWindowStore("same", ms(25), ms(20), true),
                        org.apache.kafka.streams.state.Stores.inMemoryWindowStore("same", ms(25), ms(20), true)), kw),
                () -> millraceJoin(StreamJoined.with(Stores.inMemoryWindowStore("same", ms(25), ms(20), true),
                        Stores.inMemoryWindowStore("same", ms(25), ms(20), true)), mw));
        sameMessage(() -> kafkaJoin(org.apache.kafka.streams.kstream.StreamJoined.with(
                        org.apache.kafka.streams.state.Stores.inMemoryWindowStore("a", ms(25), ms(20), false),
                        org.apache.kafka.streams.state.Stores.inMemoryWindowStore("b", ms(25), ms(20), true)), kw),
                () -> millraceJoin(StreamJoined.with(Stores.inMemoryWindowStore("a", ms(25), ms(20), false),
                        Stores.inMemoryWindowStore("b", ms(25), ms(20), true)), mw));
        Throwable mismatch = assertThrows(dev.millrace.streams.errors.StreamsException.class,
                () -> millraceJoin(StreamJoined.with(Stores.inMemoryWindowStore("a", ms(30), ms(20), true),
                        Stores.inMemoryWindowStore("b", ms(25), ms(20), true)), mw));
        // Kafka prints the supplier's Object.toString here, which names its own class
        assertTrue(mismatch.getMessage().startsWith("Window settings mismatch. WindowBytesStoreSupplier settings "));
        assertTrue(mismatch.getMessage().endsWith(" must match JoinWindows settings " + mw + " for the window size and retention period"));
    }

    private static void kafkaJoin(org.apache.kafka.streams.kstream.StreamJoined<String, String, String> joined,
                                  org.apache.kafka.streams.kstream.JoinWindows windows) {
        var b = new org.apache.kafka.streams.StreamsBuilder();
        b.<String, String>stream("l").join(b.<String, String>stream("r"), (x, y) -> x + y, windows, joined).to("out");
        b.build();
    }

    private static void millraceJoin(StreamJoined<String, String, String> joined, JoinWindows windows) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("l").join(b.<String, String>stream("r"), (x, y) -> x + y, windows, joined).to("out");
        b.build();
    }

    /**
     * A left record waits for its window plus grace to close before it leaves unjoined; a right record joining it
     * meanwhile cancels that; a late record joins what the other window store still holds and nothing older; null
     * keys pass the left side at once.
     */
    @Test
    void leftJoinEmitsUnjoinedRecordsOnlyAfterTheWindowCloses() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> left = b.stream("l");
        KStream<String, String> right = b.stream("r");
        left.leftJoin(right, (l, r) -> l + "+" + r, JoinWindows.ofTimeDifferenceAndGrace(ms(10), ms(5))).to("out");
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), DifferentialHarness.config(false))) {
            var l = driver.createInputTopic("l", new StringSerializer(), new StringSerializer());
            var r = driver.createInputTopic("r", new StringSerializer(), new StringSerializer());
            var out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            l.pipeInput("a", "A1", 100);
            l.pipeInput("b", "B1", 100);
            r.pipeInput("a", "a1", 108);                // joins A1 within 10 ms
            assertEquals(List.of(KeyValue.pair("a", "A1+a1")), out.readKeyValuesToList());
            r.pipeInput("c", "c1", 115);                // stream time 115 = 100 + 10 + 5: B1's window not closed yet
            assertTrue(out.isEmpty());
            r.pipeInput("c", "c2", 116);                // closed: B1 leaves without a partner, with its own timestamp
            var unjoined = out.readRecord();
            assertEquals("B1+null", unjoined.value());
            assertEquals(100, unjoined.timestamp());
            assertTrue(out.isEmpty());
            l.pipeInput(null, "N", 90);                 // null key on the outer side: emitted at once
            assertEquals(List.of(KeyValue.pair(null, "N+null")), out.readKeyValuesToList());
            r.pipeInput("b", "b-late", 95);             // B1 left the shared store, not its window store: still joins
            assertEquals(List.of(KeyValue.pair("b", "B1+b-late")), out.readKeyValuesToList());
            l.pipeInput("z", "Z1", 200);                // the left store's retention (20 + 5 ms) now ends at 176
            r.pipeInput("a", "a-late", 95);             // A1 expired: nothing to join; a right record is no outer result
            assertTrue(out.isEmpty());
        }
    }
}
