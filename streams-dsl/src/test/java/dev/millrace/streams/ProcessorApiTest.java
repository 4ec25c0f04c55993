package dev.millrace.streams;

import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.errors.TopologyException;
import dev.millrace.streams.processor.Cancellable;
import dev.millrace.streams.processor.PunctuationType;
import dev.millrace.streams.processor.RecordContext;
import dev.millrace.streams.processor.TopicNameExtractor;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.Stores;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Processor API and Topology: wiring, describe() against Kafka Streams, forwarding, punctuation, context. */
class ProcessorApiTest {
    private static final Instant T0 = Instant.ofEpochMilli(1_000_000);

    @TempDir
    Path stateDir;

    private Properties config() {
        Properties p = new Properties();
        p.put("state.dir", stateDir.toString());
        p.put("application.id", "processor-api-test");
        p.put("default.key.serde", Serdes.StringSerde.class.getName());
        p.put("default.value.serde", Serdes.StringSerde.class.getName());
        return p;
    }

    static final class NoOp implements Processor<Object, Object, Object, Object> {
        @Override
        public void process(Record<Object, Object> record) {
        }
    }

    static final class KafkaNoOp implements org.apache.kafka.streams.processor.api.Processor<Object, Object, Object, Object> {
        @Override
        public void process(org.apache.kafka.streams.processor.api.Record<Object, Object> record) {
        }
    }

    static final class ByKey implements TopicNameExtractor<String, String>,
            org.apache.kafka.streams.processor.TopicNameExtractor<String, String> {
        @Override
        public String extract(String key, String value, RecordContext recordContext) {
            return "out-" + key;
        }

        @Override
        public String extract(String key, String value, org.apache.kafka.streams.processor.RecordContext recordContext) {
            return "out-" + key;
        }

        @Override
        public String toString() {
            return "ByKey";
        }
    }

    /** Two sub-topologies joined by a shared store, one alone, a dynamic sink, several parents and sinks. */
    @Test
    void describeMatchesKafkaStreamsForAProcessorApiTopology() {
        Topology ours = new Topology()
                .addSource("src-a", "a", "b")
                .addSource("src-c", "c")
                .addSource("src-d", new StringDeserializer(), new StringDeserializer(), "d")
                .addProcessor("p1", NoOp::new, "src-a")
                .addProcessor("p2", NoOp::new, "p1", "src-c")
                .addProcessor("p3", NoOp::new, "src-d")
                .addProcessor("p4", NoOp::new, "p3")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s1"), Serdes.String(), Serdes.String()), "p1")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s2"), Serdes.String(), Serdes.String()), "p2", "p4")
                .addSink("sink-1", "out", "p2")
                .addSink("sink-2", new ByKey(), new StringSerializer(), new StringSerializer(), "p2", "p4")
                .addSource("src-e", "e")
                .addProcessor("p5", NoOp::new, "src-e")
                .addSink("sink-3", "out-e", "p5");
        org.apache.kafka.streams.Topology theirs = new org.apache.kafka.streams.Topology()
                .addSource("src-a", "a", "b")
                .addSource("src-c", "c")
                .addSource("src-d", new StringDeserializer(), new StringDeserializer(), "d")
                .addProcessor("p1", KafkaNoOp::new, "src-a")
                .addProcessor("p2", KafkaNoOp::new, "p1", "src-c")
                .addProcessor("p3", KafkaNoOp::new, "src-d")
                .addProcessor("p4", KafkaNoOp::new, "p3")
                .addStateStore(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                        org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("s1"), Serdes.String(), Serdes.String()), "p1")
                .addStateStore(org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                        org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore("s2"), Serdes.String(), Serdes.String()), "p2", "p4")
                .addSink("sink-1", "out", "p2")
                .addSink("sink-2", new ByKey(), new StringSerializer(), new StringSerializer(), "p2", "p4")
                .addSource("src-e", "e")
                .addProcessor("p5", KafkaNoOp::new, "src-e")
                .addSink("sink-3", "out-e", "p5");
        assertEquals(theirs.describe().toString(), ours.describe().toString());
        assertEquals(2, ours.describe().subtopologies().size(), "p2 and p4 share s2, so src-a/c/d form one sub-topology");
    }

    /** Wiring mistakes fail at once with Kafka Streams' messages. */
    @Test
    void topologyRejectsInvalidWiringLikeKafkaStreams() {
        List<Consumer<Topology>> ours = List.of(
                t -> t.addSource("s", "a").addSource("s", "b"),
                t -> t.addSource("s", "a").addSource("s2", "a"),
                t -> t.addProcessor("p", NoOp::new, "missing"),
                t -> t.addSource("s", "a").addSink("k", "out", "s").addSink("k2", "out2", "k"),
                t -> t.addSource("s", "a").addProcessor("p", NoOp::new, "s").connectProcessorAndStateStores("p", "nope"),
                t -> t.addSource("s", "a").addProcessor("p", NoOp::new));
        List<Consumer<org.apache.kafka.streams.Topology>> theirs = List.of(
                t -> t.addSource("s", "a").addSource("s", "b"),
                t -> t.addSource("s", "a").addSource("s2", "a"),
                t -> t.addProcessor("p", KafkaNoOp::new, "missing"),
                t -> t.addSource("s", "a").addSink("k", "out", "s").addSink("k2", "out2", "k"),
                t -> t.addSource("s", "a").addProcessor("p", KafkaNoOp::new, "s").connectProcessorAndStateStores("p", "nope"),
                t -> t.addSource("s", "a").addProcessor("p", KafkaNoOp::new));
        for (int i = 0; i < ours.size(); i++) {
            int n = i;
            var expected = assertThrows(org.apache.kafka.streams.errors.TopologyException.class, () -> theirs.get(n).accept(new org.apache.kafka.streams.Topology()));
            var actual = assertThrows(TopologyException.class, () -> ours.get(n).accept(new Topology()));
            assertEquals(expected.getMessage(), actual.getMessage(), "case " + i);
        }
    }

    /** A failing processor fails the pipe with the task, node and input record named, in Kafka Streams' words. */
    @Test
    void processingFailuresNameTheTaskNodeAndRecordAsKafkaStreams() {
        Topology ours = new Topology().addSource("in", "in").addProcessor("boom", () -> new ContextualProcessor<String, String, String, String>() {
            @Override
            public void process(Record<String, String> r) {
                if (r.value().equals("bad")) throw new IllegalStateException("no");
            }
        }, "in");
        org.apache.kafka.streams.Topology theirs = new org.apache.kafka.streams.Topology().addSource("in", "in")
                .addProcessor("boom", () -> new org.apache.kafka.streams.processor.api.ContextualProcessor<String, String, String, String>() {
                    @Override
                    public void process(org.apache.kafka.streams.processor.api.Record<String, String> r) {
                        if (r.value().equals("bad")) throw new IllegalStateException("no");
                    }
                }, "in");
        String expected;
        try (org.apache.kafka.streams.TopologyTestDriver driver = new org.apache.kafka.streams.TopologyTestDriver(theirs, config(), T0)) {
            var in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            in.pipeInput("k", "good", 1L);
            expected = assertThrows(org.apache.kafka.streams.errors.StreamsException.class, () -> in.pipeInput("k", "bad", 2L)).getMessage();
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(ours, config(), T0)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            in.pipeInput("k", "good", 1L);
            StreamsException e = assertThrows(StreamsException.class, () -> in.pipeInput("k", "bad", 2L));
            assertEquals(expected, e.getMessage());
            assertEquals("no", e.getCause().getMessage());
        }
    }

    /** Every task needs its own processor, so a supplier handing out one instance is refused at once. */
    @Test
    void aSupplierReturningOneInstanceIsRefused() {
        NoOp single = new NoOp();
        Topology t = new Topology().addSource("s", "a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.addProcessor("p", () -> single, "s"));
        assertTrue(e.getMessage().contains("generates single reference"), e.getMessage());
    }

    /** Routes by value to a named child; an unknown child name fails the processing. */
    @Test
    void forwardsToAllChildrenOrToOneByName() {
        Topology t = new Topology()
                .addSource("in", "in")
                .addProcessor("router", () -> new ContextualProcessor<String, String, String, String>() {
                    @Override
                    public void process(Record<String, String> r) {
                        if (r.value().equals("both")) context().forward(r);
                        else context().forward(r, r.value());
                    }
                }, "in")
                .addSink("left", "left-out", "router")
                .addSink("right", "right-out", "router");
        try (TopologyTestDriver driver = new TopologyTestDriver(t, config(), T0)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> left = driver.createOutputTopic("left-out", new StringDeserializer(), new StringDeserializer());
            TestOutputTopic<String, String> right = driver.createOutputTopic("right-out", new StringDeserializer(), new StringDeserializer());
            in.pipeInput("k1", "left", 1L);
            in.pipeInput("k2", "right", 2L);
            in.pipeInput("k3", "both", 3L);
            assertEquals(List.of(KeyValue.pair("k1", "left"), KeyValue.pair("k3", "both")), left.readKeyValuesToList());
            assertEquals(List.of(KeyValue.pair("k2", "right"), KeyValue.pair("k3", "both")), right.readKeyValuesToList());
            StreamsException e = assertThrows(StreamsException.class, () -> in.pipeInput("k4", "middle", 4L));
            assertEquals("Exception caught in process. taskId=0_0, processor=router, topic=in, partition=0, offset=3", e.getMessage());
            assertTrue(e.getCause().getMessage().contains("Unknown downstream node: middle"), e.getCause().getMessage());
        }
    }

    /** A processor that records the times its punctuators are called; the wall-clock one cancels itself after 3. */
    private static final class Ticker extends ContextualProcessor<String, String, String, String> {
        final List<Long> streamTicks;
        final List<Long> wallTicks;
        Cancellable wall;

        Ticker(List<Long> streamTicks, List<Long> wallTicks) {
            this.streamTicks = streamTicks;
            this.wallTicks = wallTicks;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            super.init(context);
            context.schedule(Duration.ofMillis(10), PunctuationType.STREAM_TIME, streamTicks::add);
            wall = context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, ts -> {
                wallTicks.add(ts);
                if (wallTicks.size() == 3) wall.cancel();
            });
        }

        @Override
        public void process(Record<String, String> record) {
        }
    }

    private static final class KafkaTicker extends org.apache.kafka.streams.processor.api.ContextualProcessor<String, String, String, String> {
        final List<Long> streamTicks;
        final List<Long> wallTicks;
        org.apache.kafka.streams.processor.Cancellable wall;

        KafkaTicker(List<Long> streamTicks, List<Long> wallTicks) {
            this.streamTicks = streamTicks;
            this.wallTicks = wallTicks;
        }

        @Override
        public void init(org.apache.kafka.streams.processor.api.ProcessorContext<String, String> context) {
            super.init(context);
            context.schedule(Duration.ofMillis(10), org.apache.kafka.streams.processor.PunctuationType.STREAM_TIME, streamTicks::add);
            wall = context.schedule(Duration.ofSeconds(1), org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME, ts -> {
                wallTicks.add(ts);
                if (wallTicks.size() == 3) wall.cancel();
            });
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.Record<String, String> record) {
        }
    }

    @Test
    void punctuatesOnStreamTimeAndWallClockTimeAsKafkaStreams() {
        long[] timestamps = {0, 5, 25, 26, 100, 90, 111};
        long[] advances = {999, 1, 2500, 500, 5000};
        List<Long> stream = new ArrayList<>();
        List<Long> wall = new ArrayList<>();
        Topology t = new Topology().addSource("in", "in").addProcessor("tick", () -> new Ticker(stream, wall), "in");
        try (TopologyTestDriver driver = new TopologyTestDriver(t, config(), T0)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (long ts : timestamps) in.pipeInput("k", "v", ts);
            for (long a : advances) driver.advanceWallClockTime(Duration.ofMillis(a));
        }
        long t0 = T0.toEpochMilli();
        assertEquals(List.of(0L, 25L, 100L, 111L), stream, "first at 0, then on the first record at or past each due time");
        assertEquals(List.of(t0 + 1000, t0 + 3500, t0 + 4000), wall, "missed intervals are skipped; cancelled after 3");

        List<Long> kStream = new ArrayList<>();
        List<Long> kWall = new ArrayList<>();
        org.apache.kafka.streams.Topology kt = new org.apache.kafka.streams.Topology().addSource("in", "in")
                .addProcessor("tick", () -> new KafkaTicker(kStream, kWall), "in");
        try (org.apache.kafka.streams.TopologyTestDriver driver = new org.apache.kafka.streams.TopologyTestDriver(kt, config(), T0)) {
            org.apache.kafka.streams.TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            for (long ts : timestamps) in.pipeInput("k", "v", ts);
            for (long a : advances) driver.advanceWallClockTime(Duration.ofMillis(a));
        }
        assertEquals(kStream, stream);
        assertEquals(kWall, wall);
    }

    @Test
    void contextGivesMetadataStreamTimeHeadersAndOnlyConnectedStores() {
        List<String> seen = new ArrayList<>();
        Topology t = new Topology()
                .addSource("in", "in")
                .addProcessor("p", () -> new ContextualProcessor<String, String, String, String>() {
                    @Override
                    public void process(Record<String, String> r) {
                        var m = context().recordMetadata().orElseThrow();
                        KeyValueStore<String, String> store = context().getStateStore("mine");
                        store.put(r.key(), r.value());
                        seen.add(m.topic() + "/" + m.partition() + "/" + m.offset() + " t=" + context().currentStreamTimeMs()
                                + " h=" + new String(r.headers().lastHeader("h").value(), StandardCharsets.UTF_8)
                                + " task=" + context().taskId() + " app=" + context().applicationId() + " store=" + store.get(r.key()));
                        if (r.value().equals("theirs")) context().getStateStore("theirs");
                        context().forward(r.withValue(r.value().toUpperCase()));
                    }
                }, "in")
                .addProcessor("q", NoOp::new, "in")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("mine"), Serdes.String(), Serdes.String()), "p")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("theirs"), Serdes.String(), Serdes.String()), "q")
                .addSink("out", "out", "p");
        try (TopologyTestDriver driver = new TopologyTestDriver(t, config(), T0)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            RecordHeaders headers = new RecordHeaders();
            headers.add("h", "x".getBytes(StandardCharsets.UTF_8));
            in.pipeInput(new dev.millrace.streams.test.TestRecord<>("a", "one", headers, 50L));
            headers.add("h", "y".getBytes(StandardCharsets.UTF_8));
            in.pipeInput(new dev.millrace.streams.test.TestRecord<>("b", "two", headers, 40L));
            var out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()).readRecord();
            assertEquals("ONE", out.value());
            assertEquals(50L, out.timestamp());
            assertEquals("x", new String(out.headers().lastHeader("h").value(), StandardCharsets.UTF_8), "headers travel to the sink");
            StreamsException e = assertThrows(StreamsException.class,
                    () -> in.pipeInput(new dev.millrace.streams.test.TestRecord<>("c", "theirs", headers, 60L)));
            assertTrue(e.getCause().getMessage().startsWith("Processor p has no access to StateStore theirs"), e.getCause().getMessage());
            assertEquals("one", driver.<String, String>getKeyValueStore("mine").get("a"));
        }
        assertEquals(List.of(
                "in/0/0 t=50 h=x task=0_0 app=processor-api-test store=one",
                "in/0/1 t=50 h=y task=0_0 app=processor-api-test store=two",
                "in/0/2 t=60 h=y task=0_0 app=processor-api-test store=theirs"), seen,
                "offsets count per topic; stream time never goes back (40 after 50 leaves it at 50)");
    }

    @Test
    void recordsAreImmutableAndRejectNegativeTimestamps() {
        Record<String, String> r = new Record<>("k", "v", 5L);
        Record<String, Integer> changed = r.withValue(7).withTimestamp(9L);
        assertEquals("v", r.value());
        assertEquals(5L, r.timestamp());
        assertEquals(7, changed.value());
        assertEquals(9L, changed.timestamp());
        assertNotSame(r, r.withKey("k"));
        assertThrows(StreamsException.class, () -> new Record<>("k", "v", -1L));
        assertThrows(StreamsException.class, () -> r.withTimestamp(-1L));
    }
}
