package dev.millrace.streams;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stream-stream joins against Kafka Streams: each program of {@link KafkaJoinPrograms} and its import-changed twin in
 * {@link MillraceJoinPrograms} run through both test drivers over the same random two-topic input (timestamps out of
 * order, some records later than grace, null keys and values), and must write the same records (key and value bytes,
 * timestamp, order), count the same dropped records and print the same {@code describe()}. Left/outer results depend on
 * when the shared store is scanned, which Kafka throttles by wall-clock time: each case runs with the drivers'
 * interval (0, a scan on every record that advances stream time) and with the runtime's 1 s while the wall clock
 * moves 300 ms a record.
 */
class StreamJoinDifferentialTest {
    private static final int RECORDS = 300;
    private static final String DROPPED = "(dropped-records-total)";
    private static final Instant WALL_CLOCK_START = Instant.ofEpochMilli(1_000_000L);

    private record Program(String name, Consumer<org.apache.kafka.streams.StreamsBuilder> kafka,
                           Consumer<StreamsBuilder> millrace, List<String> inputs, List<String> outputs) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** How the wall clock and the emit interval behave during a run. */
    private record Clock(long wallClockStepMs, Long emitIntervalMs) {
        @Override
        public String toString() {
            return emitIntervalMs == null ? "driver's interval (0)" : "interval " + emitIntervalMs + "ms, clock +" + wallClockStepMs + "ms";
        }
    }

    private static List<Program> programs() {
        List<String> streams = List.of("left", "right");
        return List.of(
                new Program("innerJoin", KafkaJoinPrograms::innerJoin, MillraceJoinPrograms::innerJoin, streams, List.of("inner")),
                new Program("leftJoin", KafkaJoinPrograms::leftJoin, MillraceJoinPrograms::leftJoin, streams, List.of("left-joined")),
                new Program("outerJoin", KafkaJoinPrograms::outerJoin, MillraceJoinPrograms::outerJoin, streams, List.of("outer-joined")),
                new Program("namedJoins", KafkaJoinPrograms::namedJoins, MillraceJoinPrograms::namedJoins,
                        streams, List.of("named-inner", "memory-outer")),
                new Program("repartitionedJoins", KafkaJoinPrograms::repartitionedJoins,
                        MillraceJoinPrograms::repartitionedJoins, streams, List.of("by-letter", "by-letter-left")),
                new Program("eagerOuterJoin", KafkaJoinPrograms::eagerOuterJoin, MillraceJoinPrograms::eagerOuterJoin,
                        streams, List.of("eager-outer")),
                new Program("sharedRepartition", KafkaJoinPrograms::sharedRepartition, MillraceJoinPrograms::sharedRepartition,
                        streams, List.of("shared-inner", "shared-outer")),
                new Program("globalTableJoins", KafkaJoinPrograms::globalTableJoins, MillraceJoinPrograms::globalTableJoins,
                        List.of("left", "global"), List.of("global-inner", "global-left")),
                new Program("namedGlobalTable", KafkaJoinPrograms::namedGlobalTable, MillraceJoinPrograms::namedGlobalTable,
                        List.of("left", "right", "global"), List.of("rekeyed-global", "with-table-key")));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Program p : programs()) {
            for (long seed : new long[] {1, 2, 3, 4, 5}) {
                out.add(Arguments.of(p, seed, new Clock(0, null)));
                out.add(Arguments.of(p, seed, new Clock(300, 1000L)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1} {2}")
    @MethodSource("cases")
    void sameOutputAndDescriptionAsKafkaStreams(Program p, long seed, Clock clock) {
        List<DifferentialHarness.In> input =
                DifferentialHarness.randomWindowedInput(seed, RECORDS, p.inputs(), 0.05, 0.05);
        StringBuilder kafkaDescription = new StringBuilder();
        StringBuilder millraceDescription = new StringBuilder();
        Map<String, List<DifferentialHarness.Out>> expected = runKafka(p.kafka(), input, p.outputs(), clock, kafkaDescription);
        Map<String, List<DifferentialHarness.Out>> actual = runMillrace(p.millrace(), input, p.outputs(), clock, millraceDescription);
        assertEquals(kafkaDescription.toString(), millraceDescription.toString(), "describe() of " + p.name());
        int total = 0;
        for (String topic : p.outputs()) {
            total += DifferentialHarness.assertSameRecords(p.name(), topic, expected.get(topic), actual.get(topic));
        }
        assertTrue(total > 0, p.name() + " wrote nothing: the comparison would prove nothing");
        // null keys and values the join processors skip, and late puts the window stores drop, count as dropped records
        assertEquals(expected.get(DROPPED), actual.get(DROPPED), "dropped-records-total of " + p.name());
    }

    /** The programs port by changing imports: the two files differ in nothing else. */
    @Test
    void millraceJoinProgramsAreKafkaJoinProgramsWithOtherImports() throws IOException {
        DifferentialHarness.assertSameProgramWithOtherImports("KafkaJoinPrograms", "MillraceJoinPrograms", 6, false);
    }

    private static Properties config(Clock clock, Path stateDir) {
        Properties config = DifferentialHarness.config(true);
        if (clock.emitIntervalMs() != null) {
            config.put("__emit.interval.ms.kstreams.outer.join.spurious.results.fix__", clock.emitIntervalMs());
        }
        if (stateDir != null) config.put("state.dir", stateDir.toString());
        return config;
    }

    /** What a run needs of a test driver; one adapter per driver keeps a single loop for both. */
    private interface Driver {
        void pipe(DifferentialHarness.In in);

        void advanceWallClock(long ms);

        /** Each output record as key bytes, value bytes and timestamp. */
        List<DifferentialHarness.Out> read(String topic);

        long droppedRecords();
    }

    private static Map<String, List<DifferentialHarness.Out>> run(Driver driver, List<DifferentialHarness.In> input,
                                                                  List<String> outputs, Clock clock) {
        for (DifferentialHarness.In in : input) {
            driver.pipe(in);
            if (clock.wallClockStepMs() > 0) driver.advanceWallClock(clock.wallClockStepMs());
        }
        Map<String, List<DifferentialHarness.Out>> out = new LinkedHashMap<>();
        for (String topic : outputs) out.put(topic, driver.read(topic));
        out.put(DROPPED, List.of(new DifferentialHarness.Out("dropped", String.valueOf(driver.droppedRecords()), 0)));
        return out;
    }

    private static DifferentialHarness.Out out(byte[] key, byte[] value, long timestamp) {
        return new DifferentialHarness.Out(DifferentialHarness.show(key), DifferentialHarness.show(value), timestamp);
    }

    private static Map<String, List<DifferentialHarness.Out>> runKafka(Consumer<org.apache.kafka.streams.StreamsBuilder> program,
                                                                       List<DifferentialHarness.In> input, List<String> outputs,
                                                                       Clock clock, StringBuilder describe) {
        org.apache.kafka.streams.StreamsBuilder b = new org.apache.kafka.streams.StreamsBuilder();
        program.accept(b);
        org.apache.kafka.streams.Topology topology = b.build();
        describe.append(topology.describe().toString());
        Path stateDir = DifferentialHarness.tempDir();
        try (org.apache.kafka.streams.TopologyTestDriver driver =
                     new org.apache.kafka.streams.TopologyTestDriver(topology, config(clock, stateDir), WALL_CLOCK_START)) {
            Map<String, org.apache.kafka.streams.TestInputTopic<String, String>> topics = new LinkedHashMap<>();
            return run(new Driver() {
                @Override
                public void pipe(DifferentialHarness.In in) {
                    topics.computeIfAbsent(in.topic(), t -> driver.createInputTopic(t, new StringSerializer(), new StringSerializer()))
                            .pipeInput(in.key(), in.value(), in.timestamp());
                }

                @Override
                public void advanceWallClock(long ms) {
                    driver.advanceWallClockTime(Duration.ofMillis(ms));
                }

                @Override
                public List<DifferentialHarness.Out> read(String topic) {
                    return driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                            .readRecordsToList().stream().map(r -> out(r.key(), r.value(), r.timestamp())).toList();
                }

                @Override
                public long droppedRecords() {
                    return (long) driver.metrics().entrySet().stream()
                            .filter(e -> e.getKey().name().equals("dropped-records-total")
                                    && e.getKey().group().equals("stream-task-metrics"))
                            .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
                }
            }, input, outputs, clock);
        } finally {
            DifferentialHarness.delete(stateDir);
        }
    }

    private static Map<String, List<DifferentialHarness.Out>> runMillrace(Consumer<StreamsBuilder> program,
                                                                          List<DifferentialHarness.In> input, List<String> outputs,
                                                                          Clock clock, StringBuilder describe) {
        StreamsBuilder b = new StreamsBuilder();
        program.accept(b);
        Topology topology = b.build();
        describe.append(topology.describe().toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, config(clock, null), WALL_CLOCK_START)) {
            Map<String, TestInputTopic<String, String>> topics = new LinkedHashMap<>();
            return run(new Driver() {
                @Override
                public void pipe(DifferentialHarness.In in) {
                    topics.computeIfAbsent(in.topic(), t -> driver.createInputTopic(t, new StringSerializer(), new StringSerializer()))
                            .pipeInput(in.key(), in.value(), in.timestamp());
                }

                @Override
                public void advanceWallClock(long ms) {
                    driver.advanceWallClockTime(Duration.ofMillis(ms));
                }

                @Override
                public List<DifferentialHarness.Out> read(String topic) {
                    return driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                            .readRecordsToList().stream().map(r -> out(r.key(), r.value(), r.timestamp())).toList();
                }

                @Override
                public long droppedRecords() {
                    return driver.droppedRecordsTotal();
                }
            }, input, outputs, clock);
        }
    }
}
