package dev.millrace.streams;

import org.apache.kafka.common.serialization.Serdes;
import dev.millrace.streams.KeyValue;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.kstream.Grouped;
import dev.millrace.streams.kstream.Joined;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.Produced;
import dev.millrace.streams.kstream.Suppressed;

import java.time.Duration;
import java.util.Locale;

/**
 * Table programs of the differential test written against Millrace: KafkaTablePrograms with other imports.
 * MillraceTablePrograms is this file with the imports of org.apache.kafka.streams changed to dev.millrace.streams.
 */
final class MillraceTablePrograms {
    private MillraceTablePrograms() {
    }

    private static String joined(String left, String right) {
        return left + "+" + right;
    }

    /** An unnamed source table suppressed: its store is added on demand, named after the topic. */
    static void suppressedSourceTable(StreamsBuilder b) {
        b.<String, String>table("customers")
                .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(60), Suppressed.BufferConfig.maxRecords(3).emitEarlyWhenFull()))
                .toStream()
                .to("suppressed-customers");
    }

    /** Stream-table inner join against an unnamed source table (materialized for the join). */
    static void streamTableJoin(StreamsBuilder b) {
        KTable<String, String> customers = b.table("customers");
        b.<String, String>stream("orders")
                .join(customers, MillraceTablePrograms::joined)
                .to("enriched");
    }

    /** Left join through a filter and a mapValues that have no store: the getter computes through the parents. */
    static void streamTableLeftJoinThroughGetters(StreamsBuilder b) {
        KTable<String, String> customers = b.<String, String>table("customers", Materialized.as("customers-store"))
                .filter((k, v) -> v.length() > 8)
                .mapValues((k, v) -> k + ":" + v.toUpperCase(Locale.ROOT));
        b.<String, String>stream("orders")
                .leftJoin(customers, (k, order, customer) -> k + "/" + joined(order, customer), Joined.as("enrich"))
                .to("left-enriched");
    }

    /** A key-changed stream is repartitioned before the join; its null keys are dropped (inner) or joined (left). */
    static void keyChangedStreamJoin(StreamsBuilder b) {
        KTable<String, String> customers = b.table("customers", Materialized.with(Serdes.String(), Serdes.String()));
        KStream<String, String> rekeyed = b.<String, String>stream("orders")
                .selectKey((k, v) -> v == null || v.isEmpty() ? null : "k" + (v.length() % 6 + 1));
        rekeyed.join(customers, MillraceTablePrograms::joined).to("rekeyed-inner");
        rekeyed.leftJoin(customers, MillraceTablePrograms::joined, Joined.with(Serdes.String(), Serdes.String(), Serdes.String(), "rekeyed"))
                .to("rekeyed-left");
    }

    /** Joins against an aggregate, a materialized mapValues and a suppressed table. */
    static void joinDerivedTables(StreamsBuilder b) {
        KTable<String, Long> counts = b.<String, String>stream("customers").groupByKey().count();
        KTable<String, String> described = counts.mapValues(c -> "n" + c, Materialized.as("described"));
        KTable<String, String> suppressed = described
                .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(80), Suppressed.BufferConfig.unbounded()));
        KStream<String, String> orders = b.stream("orders");
        orders.join(counts, (o, c) -> o + "#" + c).to("with-count", Produced.valueSerde(Serdes.String()));
        orders.leftJoin(described, MillraceTablePrograms::joined).to("with-description");
        orders.leftJoin(suppressed, MillraceTablePrograms::joined, Joined.as("late-view")).to("with-suppressed");
    }
}
