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
 * Value getters, stream-table joins, table-table joins and table grouping against Kafka Streams: each program of
 * {@link KafkaTablePrograms} and its import-changed twin {@link MillraceTablePrograms} run through both
 * TopologyTestDriver implementations over the same random input (keys k1-k6 over both input topics, some null keys
 * and values), with record caching on and off; output records (key bytes, value bytes, timestamp, in order) and
 * {@code describe()} text must be equal.
 */
class TableDifferentialTest {
    private static final int RECORDS = 300;
    private static final List<String> INPUTS = List.of("orders", "customers");

    private record Program(String name, Consumer<org.apache.kafka.streams.StreamsBuilder> kafka,
                           Consumer<StreamsBuilder> millrace, List<String> inputs, List<String> outputs) {
        Program(String name, Consumer<org.apache.kafka.streams.StreamsBuilder> kafka, Consumer<StreamsBuilder> millrace,
                List<String> outputs) {
            this(name, kafka, millrace, INPUTS, outputs);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Program> programs() {
        return List.of(
                new Program("suppressedSourceTable", KafkaTablePrograms::suppressedSourceTable,
                        MillraceTablePrograms::suppressedSourceTable, List.of("customers"), List.of("suppressed-customers")),
                new Program("streamTableJoin", KafkaTablePrograms::streamTableJoin, MillraceTablePrograms::streamTableJoin,
                        List.of("enriched")),
                new Program("streamTableLeftJoinThroughGetters", KafkaTablePrograms::streamTableLeftJoinThroughGetters,
                        MillraceTablePrograms::streamTableLeftJoinThroughGetters, List.of("left-enriched")),
                new Program("keyChangedStreamJoin", KafkaTablePrograms::keyChangedStreamJoin,
                        MillraceTablePrograms::keyChangedStreamJoin, List.of("rekeyed-inner", "rekeyed-left")),
                new Program("joinDerivedTables", KafkaTablePrograms::joinDerivedTables, MillraceTablePrograms::joinDerivedTables,
                        List.of("with-count", "with-description", "with-suppressed")),
                new Program("tableTableJoins", KafkaTablePrograms::tableTableJoins, MillraceTablePrograms::tableTableJoins,
                        List.of("tt-inner", "tt-left", "tt-outer")),
                new Program("chainedTableJoins", KafkaTablePrograms::chainedTableJoins, MillraceTablePrograms::chainedTableJoins,
                        List.of("orders", "customers", "payments"), List.of("ct-filtered", "ct-outer", "ct-payments")),
                new Program("tableGroupByCount", KafkaTablePrograms::tableGroupByCount, MillraceTablePrograms::tableGroupByCount,
                        List.of("customers"), List.of("first-word-counts", "length-counts")),
                new Program("tableGroupByReduceAggregate", KafkaTablePrograms::tableGroupByReduceAggregate,
                        MillraceTablePrograms::tableGroupByReduceAggregate, List.of("orders"),
                        List.of("length-sums", "length-history", "length-group-sizes")),
                new Program("groupByAfterJoin", KafkaTablePrograms::groupByAfterJoin, MillraceTablePrograms::groupByAfterJoin,
                        List.of("orders", "customers", "payments"), List.of("joined-word-counts", "payments-with-counts")),
                new Program("foreignKeyJoins", KafkaTablePrograms::foreignKeyJoins, MillraceTablePrograms::foreignKeyJoins,
                        List.of("fk-inner", "fk-left")),
                new Program("foreignKeyJoinOfDerivedTables", KafkaTablePrograms::foreignKeyJoinOfDerivedTables,
                        MillraceTablePrograms::foreignKeyJoinOfDerivedTables, List.of("orders", "customers", "payments"),
                        List.of("fk-foxes", "fk-payments")),
                new Program("windowedTableJoins", KafkaTablePrograms::windowedTableJoins, MillraceTablePrograms::windowedTableJoins,
                        List.of("windowed-joined", "session-joined")));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Program p : programs()) {
            for (long seed : new long[] {11, 12, 13}) {
                out.add(Arguments.of(p, seed, true));
                out.add(Arguments.of(p, seed, false));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1} caching {2}")
    @MethodSource("cases")
    void sameOutputAndDescriptionAsKafkaStreams(Program p, long seed, boolean caching) {
        List<DifferentialHarness.In> input = DifferentialHarness.randomInput(seed, RECORDS, p.inputs(), 0.05, 0.1);
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
    void millraceTableProgramsAreKafkaTableProgramsWithOtherImports() throws IOException {
        DifferentialHarness.assertSameProgramWithOtherImports("KafkaTablePrograms", "MillraceTablePrograms", 1, true);
    }
}
