package dev.millrace.examples.enrichment;

import dev.millrace.examples.PortedSource;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.TopologyTestDriver;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The enrichment join on TopologyTestDriver: exact records for orders before, after and between customer updates,
 * and the port claim: {@link KafkaOrderEnrichment} is {@link OrderEnrichment} with only the import prefix changed,
 * and on Kafka Streams' TopologyTestDriver it gives the same records and {@code describe()} text as ours.
 */
class OrderEnrichmentTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** One input record, in the order piped: to the customers table or to the orders stream; value null deletes. */
    private record Event(boolean customer, String key, String value) {
        static Event customer(String id, String value) {
            return new Event(true, id, value);
        }

        static Event order(String customerId, String value) {
            return new Event(false, customerId, value);
        }
    }

    @Test
    void kafkaTwinIsOrderEnrichmentWithOnlyTheImportPrefixChanged() throws IOException {
        PortedSource.assertOnlyImportPrefixChanged(OrderEnrichment.class);
    }

    @Test
    void ordersAreEnrichedWithTheCustomerKnownWhenTheyArrive() {
        List<Event> events = List.of(
                Event.order("c1", "1 x book, 12.00"),          // before customer c1 exists: null side
                Event.customer("c1", "Alice, Berlin"),          // a table update alone writes nothing
                Event.order("c1", "2 x pen, 3.00"),
                Event.order("c2", "1 x lamp, 30.00"),          // c2 still unknown
                Event.customer("c2", "Bob, Oslo"),
                Event.customer("c1", "Alice, Paris"),           // the update changes later enrichments only
                Event.order("c1", "1 x map, 8.00"),
                Event.order("c2", "5 x cup, 10.00"),
                Event.customer("c2", null),                     // c2 deleted: back to the null side
                Event.order("c2", "1 x bag, 20.00"),
                Event.order(null, "1 x key, 1.00"));            // no key to look up: kept with the null side (KIP-962)
        assertEquals(List.of(
                "c1=1 x book, 12.00 | null@0",
                "c1=2 x pen, 3.00 | Alice, Berlin@2000",
                "c2=1 x lamp, 30.00 | null@3000",
                "c1=1 x map, 8.00 | Alice, Paris@6000",
                "c2=5 x cup, 10.00 | Bob, Oslo@7000",
                "c2=1 x bag, 20.00 | null@9000",
                "null=1 x key, 1.00 | null@10000"), runOnMillrace(events));
    }

    @Test
    void sameOutputAsKafkaStreamsOverRandomOrdersAndCustomers() {
        String[] ids = {"c1", "c2", "c3", "c4", "c5"};
        Random random = new Random(11);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String id = random.nextInt(40) == 0 ? null : ids[random.nextInt(ids.length)];
            int kind = random.nextInt(10);
            if (kind < 6) events.add(Event.order(id, "order " + i + ", " + random.nextInt(100) + ".00"));
            else if (kind < 9) events.add(Event.customer(id, "customer " + id + " v" + i));
            else events.add(Event.customer(id, null));
        }
        List<String> expected = runOnKafkaStreams(events);
        assertEquals(expected, runOnMillrace(events));
        assertTrue(expected.size() > 300, "enough output to compare: " + expected.size());
        assertTrue(expected.stream().anyMatch(r -> r.contains("| null@")), "some orders of unknown customers");
    }

    @Test
    void sameTopologyDescription() {
        StreamsBuilder ours = new StreamsBuilder();
        OrderEnrichment.createEnrichmentStream(ours);
        org.apache.kafka.streams.StreamsBuilder kafkas = new org.apache.kafka.streams.StreamsBuilder();
        KafkaOrderEnrichment.createEnrichmentStream(kafkas);
        assertEquals(kafkas.build().describe().toString(), ours.build().describe().toString());
    }

    private static List<String> runOnMillrace(List<Event> events) {
        StreamsBuilder builder = new StreamsBuilder();
        OrderEnrichment.createEnrichmentStream(builder);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(),
                OrderEnrichment.streamsConfig(new String[0]))) {
            var orders = driver.createInputTopic(OrderEnrichment.ORDERS_TOPIC, new StringSerializer(), new StringSerializer());
            var customers = driver.createInputTopic(OrderEnrichment.CUSTOMERS_TOPIC, new StringSerializer(),
                    new StringSerializer());
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                (e.customer() ? customers : orders).pipeInput(e.key(), e.value(), START.plusSeconds(i));
            }
            var output = driver.createOutputTopic(OrderEnrichment.OUTPUT_TOPIC, new StringDeserializer(),
                    new StringDeserializer());
            List<String> out = new ArrayList<>();
            output.readRecordsToList().forEach(r -> out.add(show(r.key(), r.value(), r.timestamp())));
            return out;
        }
    }

    private static List<String> runOnKafkaStreams(List<Event> events) {
        org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
        KafkaOrderEnrichment.createEnrichmentStream(builder);
        try (var driver = new org.apache.kafka.streams.TopologyTestDriver(builder.build(),
                KafkaOrderEnrichment.streamsConfig(new String[0]))) {
            var orders = driver.createInputTopic(KafkaOrderEnrichment.ORDERS_TOPIC, new StringSerializer(),
                    new StringSerializer());
            var customers = driver.createInputTopic(KafkaOrderEnrichment.CUSTOMERS_TOPIC, new StringSerializer(),
                    new StringSerializer());
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                (e.customer() ? customers : orders).pipeInput(e.key(), e.value(), START.plusSeconds(i));
            }
            var output = driver.createOutputTopic(KafkaOrderEnrichment.OUTPUT_TOPIC, new StringDeserializer(),
                    new StringDeserializer());
            List<String> out = new ArrayList<>();
            output.readRecordsToList().forEach(r -> out.add(show(r.key(), r.value(), r.timestamp())));
            return out;
        }
    }

    private static String show(String key, String value, long timestamp) {
        return key + "=" + value + "@" + (timestamp - START.toEpochMilli());
    }
}
