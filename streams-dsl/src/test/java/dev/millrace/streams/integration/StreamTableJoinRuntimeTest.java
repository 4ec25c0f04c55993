package dev.millrace.streams.integration;

import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.Topology;
import dev.millrace.streams.kstream.Joined;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Materialized;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.millrace.streams.integration.RuntimeTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A stream-table join on the runtime against an in-process broker: the stream is re-keyed, so it goes through a
 * repartition topic, which must get the table topic's partition count (not the stream topic's) for the join's
 * sub-topology to be co-partitioned, as Kafka Streams sizes it.
 */
class StreamTableJoinRuntimeTest {
    @RegisterExtension
    static final InProcessBroker BROKER = new InProcessBroker();

    @TempDir
    Path state;

    private static Topology enrichment() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> customers = b.table("rt-customers", Materialized.as("customers-store"));
        customers.toStream().to("rt-customers-echo");
        b.<String, String>stream("rt-orders")
                .selectKey((k, v) -> v.substring(0, v.indexOf(':')))
                .join(customers, (order, customer) -> order + "@" + customer, Joined.as("by-customer"))
                .to("rt-enriched");
        return b.build();
    }

    @Test
    void reKeyedStreamJoinsATableWithMorePartitions() throws Exception {
        createTopic(BROKER.bootstrap(), "rt-customers", 3);
        createTopic(BROKER.bootstrap(), "rt-orders", 2);
        List<String[]> customers = new ArrayList<>();
        for (int c = 0; c < 20; c++) customers.add(new String[] {"c" + c, "name-" + c});
        produce(BROKER.bootstrap(), "rt-customers", customers);

        try (KafkaStreams streams = new KafkaStreams(enrichment(), config(BROKER.bootstrap(), "joins", state))) {
            streams.start();
            awaitState(streams, KafkaStreams.State.RUNNING, 30_000);
            // the orders go in once every customer is in the table, so each order finds its customer
            waitUntil("the customers table loaded", 60_000,
                    () -> latest(BROKER.bootstrap(), "rt-customers-echo", new StringDeserializer()).size() == customers.size());
            List<String[]> orders = new ArrayList<>();
            Map<String, String> expected = new HashMap<>();
            for (int o = 0; o < 200; o++) {
                String order = "c" + (o * 7 % 20) + ":item-" + o;
                orders.add(new String[] {"order-" + o, order});
                expected.put(order, order + "@name-" + (o * 7 % 20));
            }
            produce(BROKER.bootstrap(), "rt-orders", orders);
            Map<String, String> actual = new HashMap<>();
            waitUntil("every order enriched", 60_000, () -> {
                actual.clear();
                readAll(BROKER.bootstrap(), "rt-enriched", new StringDeserializer())
                        .forEach(r -> actual.put(r.value().substring(0, r.value().indexOf('@')), r.value()));
                return actual.size() == expected.size();
            });
            assertEquals(expected, actual);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrap()))) {
            var topic = admin.describeTopics(List.of("joins-by-customer-repartition")).allTopicNames().get();
            assertEquals(3, topic.get("joins-by-customer-repartition").partitions().size(),
                    "the repartition topic is sized to the table's topic, which it is joined with");
        }
    }

    private static Topology foreignKeyEnrichment() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> customers = b.table("rt-fk-customers");
        b.<String, String>table("rt-fk-orders")
                .join(customers, order -> order.substring(0, order.indexOf(':')), (order, customer) -> order + "@" + customer)
                .toStream()
                .to("rt-fk-enriched");
        return b.build();
    }

    /**
     * A foreign-key join across tables of different partition counts: the subscription topic is sized to the
     * customers' topic and the response topic to the orders', and a customer's update re-joins its orders.
     */
    @Test
    void foreignKeyJoinFollowsUpdatesOfTheForeignTable() throws Exception {
        createTopic(BROKER.bootstrap(), "rt-fk-customers", 3);
        createTopic(BROKER.bootstrap(), "rt-fk-orders", 2);
        List<String[]> customers = new ArrayList<>();
        for (int c = 0; c < 10; c++) customers.add(new String[] {"c" + c, "name-" + c});
        produce(BROKER.bootstrap(), "rt-fk-customers", customers);
        List<String[]> orders = new ArrayList<>();
        Map<String, String> expected = new HashMap<>();
        for (int o = 0; o < 50; o++) {
            orders.add(new String[] {"order-" + o, "c" + (o % 10) + ":item-" + o});
            expected.put("order-" + o, "c" + (o % 10) + ":item-" + o + "@name-" + (o % 10));
        }
        try (KafkaStreams streams = new KafkaStreams(foreignKeyEnrichment(), config(BROKER.bootstrap(), "fkjoins", state))) {
            streams.start();
            awaitState(streams, KafkaStreams.State.RUNNING, 30_000);
            produce(BROKER.bootstrap(), "rt-fk-orders", orders);
            waitUntil("every order joined with its customer", 60_000,
                    () -> latest(BROKER.bootstrap(), "rt-fk-enriched", new StringDeserializer()).equals(expected));
            produce(BROKER.bootstrap(), "rt-fk-customers", List.<String[]>of(new String[] {"c3", "renamed-3"}));
            for (int o = 3; o < 50; o += 10) expected.put("order-" + o, "c3:item-" + o + "@renamed-3");
            waitUntil("c3's orders joined with its new name", 60_000,
                    () -> latest(BROKER.bootstrap(), "rt-fk-enriched", new StringDeserializer()).equals(expected));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrap()))) {
            Map<String, Integer> partitions = new HashMap<>();
            for (String topic : admin.listTopics().names().get()) {
                if (topic.startsWith("fkjoins-KTABLE-FK-JOIN-SUBSCRIPTION-") && topic.endsWith("-topic")) {
                    partitions.put(topic.contains("REGISTRATION") ? "registration" : "response",
                            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size());
                }
            }
            assertEquals(Map.of("registration", 3, "response", 2), partitions,
                    "subscriptions co-partitioned with the customers, responses with the orders");
        }
    }
}
