package dev.millrace.streams.integration;

import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.Topology;
import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.Grouped;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Produced;
import org.apache.kafka.common.serialization.Serdes;

/** The topologies the metrics tests run; KafkaMetricsPrograms and MillraceMetricsPrograms differ only in imports. */
final class MillraceMetricsPrograms {
    private MillraceMetricsPrograms() {
    }

    /** Stateless: every input record is processed once, by one source node, and written by one sink. */
    static Topology passThrough(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(v -> v.toUpperCase())
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    /** Re-keyed by value (a repartition topic, two sub-topologies) and counted into the RocksDB store "counts". */
    static Topology countByValue(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .groupBy((k, v) -> v, Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.as("counts"))
                .toStream()
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }
}
