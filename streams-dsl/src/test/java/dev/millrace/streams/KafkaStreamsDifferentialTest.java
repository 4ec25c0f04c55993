package dev.millrace.streams;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The differential test: each program of {@link KafkaPrograms} and its import-changed twin in
 * {@link MillracePrograms} run through Kafka Streams' TopologyTestDriver and Millrace's over the same random input
 * (5 seeds), with record caching on (Kafka Streams' default) and off; the output topics must hold the same records
 * (key bytes, value bytes, timestamp, in order) and {@code describe()} must print the same text.
 */
class KafkaStreamsDifferentialTest {
    private static final int RECORDS = 300;

    private record Program(String name, Consumer<org.apache.kafka.streams.StreamsBuilder> kafka,
                           Consumer<StreamsBuilder> millrace, List<String> inputs, List<String> outputs,
                           double nullKeyOdds, double nullValueOdds, boolean windowed) {
        Program(String name, Consumer<org.apache.kafka.streams.StreamsBuilder> kafka, Consumer<StreamsBuilder> millrace,
                List<String> inputs, List<String> outputs, double nullKeyOdds, double nullValueOdds) {
            this(name, kafka, millrace, inputs, outputs, nullKeyOdds, nullValueOdds, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Program> programs() {
        List<String> letters = new ArrayList<>();
        for (String l : new String[] {"t", "q", "b", "f", "j", "o", "l", "d", "a", "none"}) letters.add("letter-" + l);
        letters.add("from-text-0");
        letters.add("from-text-1");
        return List.of(
                new Program("wordCount", KafkaPrograms::wordCount, MillracePrograms::wordCount,
                        List.of("text"), List.of("counts"), 0.05, 0),
                new Program("coalescing", KafkaPrograms::coalescing, MillracePrograms::coalescing,
                        List.of("text"), List.of("per-key-counts"), 0.05, 0),
                new Program("wordCountGeneratedNames", KafkaPrograms::wordCountGeneratedNames,
                        MillracePrograms::wordCountGeneratedNames, List.of("text"), List.of("counts"), 0.05, 0.05),
                new Program("filterMapChain", KafkaPrograms::filterMapChain, MillracePrograms::filterMapChain,
                        List.of("text"), List.of("chain-out", "chain-out-2"), 0.05, 0.05),
                new Program("branches", KafkaPrograms::branches, MillracePrograms::branches,
                        List.of("text", "other"), List.of("merged", "rest", "long", "unnamed-branches"), 0.1, 0.1),
                new Program("aggregate", KafkaPrograms::aggregate, MillracePrograms::aggregate,
                        List.of("text"), List.of("lengths", "longest", "even-counts"), 0.05, 0.05),
                new Program("materializedOptions", KafkaPrograms::materializedOptions, MillracePrograms::materializedOptions,
                        List.of("text"), List.of("uncached-out", "in-memory-out"), 0.05, 0.05),
                new Program("chainedAggregates", KafkaPrograms::chainedAggregates, MillracePrograms::chainedAggregates,
                        List.of("text"), List.of("chained"), 0.05, 0),
                new Program("groupedRepartition", KafkaPrograms::groupedRepartition, MillracePrograms::groupedRepartition,
                        List.of("text"), List.of("letters-out"), 0.05, 0.05),
                new Program("tableFilter", KafkaPrograms::tableFilter, MillracePrograms::tableFilter,
                        List.of("table-in", "table-in-2"), List.of("foxes", "long-rows"), 0.05, 0.15),
                new Program("streamToTable", KafkaPrograms::streamToTable, MillracePrograms::streamToTable,
                        List.of("text", "other"), List.of("by-letter", "other-out"), 0.05, 0.1),
                new Program("dynamicTopics", KafkaPrograms::dynamicTopics, MillracePrograms::dynamicTopics,
                        List.of("text"), letters, 0.05, 0.05),
                new Program("processors", KafkaPrograms::processors, MillracePrograms::processors,
                        List.of("text"), List.of("processed"), 0.05, 0.05),
                new Program("tumblingCount", KafkaWindowPrograms::tumblingCount, MillraceWindowPrograms::tumblingCount,
                        List.of("text"), List.of("tumbling", "tumbling-raw"), 0.05, 0.05, true),
                new Program("hoppingCount", KafkaWindowPrograms::hoppingCount, MillraceWindowPrograms::hoppingCount,
                        List.of("text"), List.of("hopping"), 0.05, 0.05, true),
                new Program("tumblingReduceAggregate", KafkaWindowPrograms::tumblingReduceAggregate,
                        MillraceWindowPrograms::tumblingReduceAggregate, List.of("text"),
                        List.of("longest-per-window", "lengths-per-window"), 0.05, 0.05, true),
                new Program("slidingAggregate", KafkaWindowPrograms::slidingAggregate, MillraceWindowPrograms::slidingAggregate,
                        List.of("text"), List.of("sliding", "sliding-counts"), 0.05, 0.05, true),
                new Program("sessions", KafkaWindowPrograms::sessions, MillraceWindowPrograms::sessions,
                        List.of("text"), List.of("session-counts", "session-aggregates", "session-reduced"), 0.05, 0.05, true),
                new Program("suppressUntilWindowCloses", KafkaWindowPrograms::suppressUntilWindowCloses,
                        MillraceWindowPrograms::suppressUntilWindowCloses, List.of("text"),
                        List.of("final-counts", "final-sessions"), 0.05, 0.05, true),
                new Program("suppressTimeLimit", KafkaWindowPrograms::suppressTimeLimit, MillraceWindowPrograms::suppressTimeLimit,
                        List.of("text"), List.of("limited-counts", "limited-latest"), 0.05, 0.05, true));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Program p : programs()) {
            for (long seed : new long[] {1, 2, 3, 4, 5}) {
                out.add(Arguments.of(p, seed, true));
                out.add(Arguments.of(p, seed, false));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1} caching {2}")
    @MethodSource("cases")
    void sameOutputAndDescriptionAsKafkaStreams(Program p, long seed, boolean caching) {
        List<DifferentialHarness.In> input = p.windowed()
                ? DifferentialHarness.randomWindowedInput(seed, RECORDS, p.inputs(), p.nullKeyOdds(), p.nullValueOdds())
                : DifferentialHarness.randomInput(seed, RECORDS, p.inputs(), p.nullKeyOdds(), p.nullValueOdds());
        StringBuilder kafkaDescription = new StringBuilder();
        StringBuilder millraceDescription = new StringBuilder();
        Map<String, List<DifferentialHarness.Out>> expected =
                DifferentialHarness.runKafka(p.kafka(), input, p.outputs(), caching, kafkaDescription);
        Map<String, List<DifferentialHarness.Out>> actual =
                DifferentialHarness.runMillrace(p.millrace(), input, p.outputs(), caching, millraceDescription);
        assertEquals(kafkaDescription.toString(), millraceDescription.toString(), "describe() of " + p.name());
        int total = 0;
        for (String topic : p.outputs()) {
            total += DifferentialHarness.assertSameRecords(p.name(), topic, expected.get(topic), actual.get(topic));
        }
        assertTrue(total > 0, p.name() + " wrote nothing: the comparison would prove nothing");
    }

    /** Caching must matter somewhere, or the cached and uncached runs would test one thing twice. */
    @Test
    void cachingCoalescesUpdatesOfOneInputRecord() {
        List<DifferentialHarness.In> input = DifferentialHarness.randomInput(7, RECORDS, List.of("text"), 0, 0);
        List<String> out = List.of("per-key-counts");
        var cached = DifferentialHarness.runMillrace(MillracePrograms::coalescing, input, out, true, new StringBuilder());
        var uncached = DifferentialHarness.runMillrace(MillracePrograms::coalescing, input, out, false, new StringBuilder());
        assertTrue(uncached.get("per-key-counts").size() > cached.get("per-key-counts").size(),
                "without caching every update is forwarded; with it, one per key and input record");
        assertFalse(cached.get("per-key-counts").isEmpty());
    }

    /** The programs port by changing imports: the two files differ in nothing else. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Programs", "WindowPrograms"})
    void millraceProgramsAreKafkaProgramsWithOtherImports(String file) throws IOException {
        DifferentialHarness.assertSameProgramWithOtherImports("Kafka" + file, "Millrace" + file, 15, true);
    }
}
