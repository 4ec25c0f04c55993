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
import dev.millrace.streams.kstream.SessionWindows;
import dev.millrace.streams.kstream.Suppressed;
import dev.millrace.streams.kstream.TimeWindows;
import dev.millrace.streams.kstream.Windowed;

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

    /** Inner, left and outer table-table joins of two unnamed source tables; the outer one materialized by name. */
    static void tableTableJoins(StreamsBuilder b) {
        KTable<String, String> orders = b.table("orders");
        KTable<String, String> customers = b.table("customers");
        orders.join(customers, MillraceTablePrograms::joined).toStream().to("tt-inner");
        orders.leftJoin(customers, MillraceTablePrograms::joined, Named.as("lj")).toStream().to("tt-left");
        orders.outerJoin(customers, MillraceTablePrograms::joined, Materialized.as("outer-store")).toStream().to("tt-outer");
    }

    /**
     * Joins of derived tables (a filter, a materialized mapValues), a join result materialized without a name, a
     * filter after a join (old values through the join), a join of a join, and a stream joined with a join result.
     */
    static void chainedTableJoins(StreamsBuilder b) {
        KTable<String, String> orders = b.<String, String>table("orders", Materialized.as("orders-store"))
                .filter((k, v) -> !v.isEmpty());
        KTable<String, String> customers = b.<String, String>table("customers")
                .mapValues(v -> v.toUpperCase(Locale.ROOT), Materialized.as("upper-customers"));
        KTable<String, String> left = orders.leftJoin(customers, MillraceTablePrograms::joined,
                Materialized.with(Serdes.String(), Serdes.String()));
        left.filter((k, v) -> v.length() % 3 != 0).toStream().to("ct-filtered");
        KTable<String, String> outer = left.outerJoin(customers, (l, c) -> l + "|" + c, Named.as("again"));
        outer.toStream().to("ct-outer");
        b.<String, String>stream("payments")
                .join(outer, MillraceTablePrograms::joined)
                .to("ct-payments");
    }

    private static String firstWord(String v) {
        int space = v.indexOf(' ');
        return space < 0 ? v : v.substring(0, space);
    }

    /**
     * A table regrouped by its first word and counted (old and new rows usually on different keys), and regrouped to
     * a key most rows share (old and new rows travel as one change), with generated names.
     */
    static void tableGroupByCount(StreamsBuilder b) {
        KTable<String, String> customers = b.table("customers");
        customers.groupBy((k, v) -> KeyValue.pair(firstWord(v), v))
                .count()
                .toStream()
                .to("first-word-counts", Produced.valueSerde(Serdes.Long()));
        customers.groupBy((k, v) -> KeyValue.pair(v.length() > 20 ? "long" : "short", k + "=" + v.length()))
                .count(Named.as("by-length"))
                .toStream()
                .to("length-counts", Produced.valueSerde(Serdes.Long()));
    }

    /** reduce and aggregate with a subtractor over one shared, named repartition topic; a named, materialized reduce. */
    static void tableGroupByReduceAggregate(StreamsBuilder b) {
        KTable<String, String> orders = b.table("orders", Materialized.as("orders-table"));
        var grouped = orders.groupBy((k, v) -> KeyValue.pair("len" + v.length() % 3, String.valueOf(v.length())),
                Grouped.with("regroup", Serdes.String(), Serdes.String()));
        grouped.reduce((a, c) -> String.valueOf(Integer.parseInt(a) + Integer.parseInt(c)),
                        (a, c) -> String.valueOf(Integer.parseInt(a) - Integer.parseInt(c)),
                        Named.as("sum"), Materialized.as("sum-store"))
                .toStream()
                .to("length-sums");
        grouped.aggregate(() -> "", (k, v, agg) -> agg + "+" + v, (k, v, agg) -> agg + "-" + v)
                .toStream()
                .to("length-history");
        grouped.count(Materialized.with(Serdes.String(), Serdes.Long()))
                .toStream()
                .mapValues(c -> "count " + c)
                .to("length-group-sizes");
    }

    /** groupBy of a table-table join's result, and a stream joined with a grouped table's aggregate. */
    static void groupByAfterJoin(StreamsBuilder b) {
        KTable<String, String> orders = b.table("orders");
        KTable<String, String> customers = b.table("customers");
        KTable<String, Long> perCustomerWord = orders.join(customers, MillraceTablePrograms::joined)
                .groupBy((k, v) -> KeyValue.pair(firstWord(v.substring(v.indexOf('+') + 1)), k))
                .count();
        perCustomerWord.toStream().to("joined-word-counts", Produced.valueSerde(Serdes.Long()));
        b.<String, String>stream("payments")
                .selectKey((k, v) -> firstWord(v == null ? "" : v))
                .leftJoin(perCustomerWord, (p, c) -> p + "@" + c, Joined.as("pay"))
                .to("payments-with-counts");
    }

    /** Foreign-key joins: orders point at a customer by their length; inner (Function) and left (BiFunction, null keys). */
    static void foreignKeyJoins(StreamsBuilder b) {
        KTable<String, String> orders = b.table("orders");
        KTable<String, String> customers = b.table("customers", Materialized.as("fk-customers"));
        orders.join(customers, v -> "k" + (v.length() % 6 + 1), MillraceTablePrograms::joined)
                .toStream()
                .to("fk-inner");
        orders.leftJoin(customers, (k, v) -> v.isEmpty() ? null : "k" + (v.length() % 7 + 1), MillraceTablePrograms::joined,
                        Materialized.as("fk-left-store"))
                .toStream()
                .to("fk-left");
    }

    /** Foreign-key join of derived tables (store-less getters on both sides), its result filtered and looked up. */
    static void foreignKeyJoinOfDerivedTables(StreamsBuilder b) {
        KTable<String, String> orders = b.<String, String>stream("orders").toTable().filter((k, v) -> v.length() != 3);
        KTable<String, String> customers = b.<String, String>table("customers").mapValues(v -> v.toUpperCase(Locale.ROOT));
        KTable<String, String> enriched = orders.leftJoin(customers, v -> v.isEmpty() ? "k1" : "k" + (v.charAt(0) % 6 + 1),
                MillraceTablePrograms::joined);
        enriched.filter((k, v) -> v.contains("FOX")).toStream().to("fk-foxes");
        b.<String, String>stream("payments").join(enriched, MillraceTablePrograms::joined).to("fk-payments");
    }

    /**
     * Table-table joins of windowed aggregates: each side reads the other's window store or session store. The grace
     * outlasts the input's lateness, so no lookup meets a window past retention (Kafka Streams' caching window store
     * still answers those from its cache; state-store's does not).
     */
    static void windowedTableJoins(StreamsBuilder b) {
        KStream<String, String> orders = b.stream("orders");
        TimeWindows hundredMs = TimeWindows.ofSizeAndGrace(Duration.ofMillis(100), Duration.ofMillis(1000));
        KTable<Windowed<String>, Long> orderCounts = orders.groupByKey().windowedBy(hundredMs).count();
        KTable<Windowed<String>, Long> customerCounts = b.<String, String>stream("customers").groupByKey()
                .windowedBy(hundredMs).count();
        orderCounts.leftJoin(customerCounts, (o, c) -> o + "/" + c)
                .toStream((k, v) -> k.key() + "@" + k.window().start())
                .to("windowed-joined");
        SessionWindows sessions = SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(60));
        KTable<Windowed<String>, Long> sessionCounts = orders.groupByKey().windowedBy(sessions).count();
        KTable<Windowed<String>, String> sessionLatest = orders.groupByKey().windowedBy(sessions).reduce((a, c) -> c);
        sessionCounts.join(sessionLatest, (n, latest) -> n + ":" + latest)
                .toStream((k, v) -> k.key() + "@" + k.window().start() + "-" + k.window().end())
                .to("session-joined");
    }
}
