package dev.millrace.streams;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cogroup and repartition() against Kafka Streams: each program of {@link KafkaCogroupPrograms} and its
 * import-changed twin {@link MillraceCogroupPrograms} run through both TopologyTestDriver over the same random input
 * (5 seeds), with record caching on and off; output records (key bytes, value bytes, timestamp, in order) and
 * {@code describe()} must be the same.
 */
class CogroupDifferentialTest {
    private static final int RECORDS = 300;

    private record Program(String name, Consumer<org.apache.kafka.streams.StreamsBuilder> kafka,
                           Consumer<StreamsBuilder> millrace, List<String> inputs, List<String> outputs, boolean windowed) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Program> programs() {
        return List.of(
                new Program("twoStreams", KafkaCogroupPrograms::twoStreams, MillraceCogroupPrograms::twoStreams,
                        List.of("clicks", "views"), List.of("cogrouped"), false),
                new Program("repartitioned", KafkaCogroupPrograms::repartitioned, MillraceCogroupPrograms::repartitioned,
                        List.of("text", "other"), List.of("mixed-out"), false),
                new Program("sameRecordTwice", KafkaCogroupPrograms::sameRecordTwice, MillraceCogroupPrograms::sameRecordTwice,
                        List.of("text"), List.of("twice", "twice-even"), false),
                new Program("timeWindows", KafkaCogroupPrograms::timeWindows, MillraceCogroupPrograms::timeWindows,
                        List.of("clicks", "views"), List.of("tumbling", "tumbling-final", "hopping"), true),
                new Program("slidingAndSessions", KafkaCogroupPrograms::slidingAndSessions,
                        MillraceCogroupPrograms::slidingAndSessions, List.of("clicks", "views"),
                        List.of("sliding", "sessions", "session-counts"), true),
                new Program("repartitions", KafkaCogroupPrograms::repartitions, MillraceCogroupPrograms::repartitions,
                        List.of("text"), List.of("rep-counts", "rep-lengths", "rep-partitioned"), false));
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
                ? DifferentialHarness.randomWindowedInput(seed, RECORDS, p.inputs(), 0.05, 0.05)
                : DifferentialHarness.randomInput(seed, RECORDS, p.inputs(), 0.05, 0.05);
        StringBuilder kafkaDescription = new StringBuilder();
        StringBuilder millraceDescription = new StringBuilder();
        Map<String, List<DifferentialHarness.Out>> expected =
                DifferentialHarness.runKafka(p.kafka(), input, p.outputs(), caching, kafkaDescription);
        Map<String, List<DifferentialHarness.Out>> actual =
                DifferentialHarness.runMillrace(p.millrace(), input, p.outputs(), caching, millraceDescription);
        assertEquals(kafkaDescription.toString(), millraceDescription.toString(), "describe() of " + p.name());
        for (String topic : p.outputs()) {
            int records = DifferentialHarness.assertSameRecords(p.name(), topic, expected.get(topic), actual.get(topic));
            assertTrue(records > 0, p.name() + " wrote nothing to " + topic + ": the comparison would prove nothing");
        }
    }

    /** The programs port by changing imports: the two files differ in nothing else. */
    @Test
    void millraceProgramsAreKafkaProgramsWithOtherImports() throws IOException {
        DifferentialHarness.assertSameProgramWithOtherImports("KafkaCogroupPrograms", "MillraceCogroupPrograms", 11, true);
    }
}
