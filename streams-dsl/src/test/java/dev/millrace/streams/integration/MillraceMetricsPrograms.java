package dev.millrace.streams.integration;

import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.Topology;
import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.Grouped;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Produced;
import dev.millrace.streams.kstream.SessionWindows;
import dev.millrace.streams.kstream.TimeWindows;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;

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

    /** Counts per key in one-minute windows (store "window-counts") and in sessions (store "session-counts"). */
    static Topology windowAndSessionCounts(String input, String windowOutput, String sessionOutput) {
        StreamsBuilder builder = new StreamsBuilder();
        var grouped = builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()));
        grouped.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1)))
                .count(Materialized.as("window-counts"))
                .toStream((wk, v) -> wk.key() + "@" + wk.window().start())
                .to(windowOutput, Produced.with(Serdes.String(), Serdes.Long()));
        grouped.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMinutes(1)))
                .count(Materialized.as("session-counts"))
                .toStream((wk, v) -> wk.key() + "@" + wk.window().start())
                .to(sessionOutput, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    /** A processor that counts what it forwards in a sensor of its own, made through context.metrics(). */
    static Topology customSensor(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, String, String>() {
                    private ProcessorContext<String, String> context;
                    private Sensor forwarded;

                    @Override
                    public void init(ProcessorContext<String, String> context) {
                        this.context = context;
                        forwarded = context.metrics().addLatencyRateTotalSensor("my-scope", "my-entity", "forward",
                                Sensor.RecordingLevel.INFO, "my-tag", "my-value");
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        forwarded.record(1.0);
                        context.forward(record);
                    }
                })
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }
}
