package dev.millrace.examples.enrichment;

import dev.millrace.examples.Bootstrap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.KTable;
import dev.millrace.streams.kstream.Produced;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Orders enriched with their customer: orders (key customer id, value the order, e.g. "3 x book, 42.00") left-joined
 * with the latest record of customers (key customer id, value e.g. "Alice, Berlin"), to enriched-orders as
 * "order | customer" text. An order whose customer is not (or no longer) known gets "null" as its customer; a
 * customer update changes the enrichment of later orders only. Both inputs must be keyed by customer id and have
 * the same number of partitions (a stream-table join is partition-local). Create the three topics first.
 * Run: {@code java ... OrderEnrichment [bootstrap servers]} (or set BOOTSTRAP_SERVERS).
 */
public final class OrderEnrichment {
    public static final String ORDERS_TOPIC = "orders";
    public static final String CUSTOMERS_TOPIC = "customers";
    public static final String OUTPUT_TOPIC = "enriched-orders";

    private OrderEnrichment() {
    }

    static Properties streamsConfig(String[] args) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "order-enrichment");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, Bootstrap.servers(args));
        // read both inputs from their beginning, so that customers written before the first start are known
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    static void createEnrichmentStream(StreamsBuilder builder) {
        KStream<String, String> orders = builder.stream(ORDERS_TOPIC, Consumed.with(Serdes.String(), Serdes.String()));
        KTable<String, String> customers = builder.table(CUSTOMERS_TOPIC, Consumed.with(Serdes.String(), Serdes.String()));
        // a left join keeps orders of unknown customers (customer == null); an inner join would drop them
        orders.leftJoin(customers, (order, customer) -> order + " | " + customer)
                .to(OUTPUT_TOPIC, Produced.with(Serdes.String(), Serdes.String()));
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsBuilder builder = new StreamsBuilder();
        createEnrichmentStream(builder);
        KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig(args));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }, "order-enrichment-shutdown-hook"));
        streams.start();
        stopped.await();
    }
}
