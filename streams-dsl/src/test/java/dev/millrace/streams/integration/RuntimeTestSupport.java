package dev.millrace.streams.integration;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;
import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.Topology;
import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.Grouped;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Produced;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/** Broker start, topics, producing, reading back and the two topologies the runtime tests run. */
final class RuntimeTestSupport {
    private RuntimeTestSupport() {
    }

    static MillraceServer startBroker(Path dir) throws Exception {
        return MillraceServer.start(BrokerConfig.parse(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "group.initial.rebalance.delay.ms", "0",
                "num.io.threads", "2",
                "num.network.threads", "2")));
    }

    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    static void produce(String bootstrap, String topic, List<String[]> keyValues) {
        Map<String, Object> p = Map.of("bootstrap.servers", bootstrap, "key.serializer", StringSerializer.class,
                "value.serializer", StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String[] kv : keyValues) producer.send(new ProducerRecord<>(topic, kv[0], kv[1]));
            producer.flush();
        }
    }

    /** Every record of the topic from the beginning, read with assign/seek (no group). */
    static <V> List<ConsumerRecord<String, V>> readAll(String bootstrap, String topic, Deserializer<V> values) {
        Map<String, Object> c = Map.of("bootstrap.servers", bootstrap, "key.deserializer",
                org.apache.kafka.common.serialization.StringDeserializer.class, "auto.offset.reset", "earliest");
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(c, new org.apache.kafka.common.serialization.StringDeserializer(), values)) {
            List<TopicPartition> tps = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(i -> tps.add(new TopicPartition(topic, i.partition())));
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long deadline = System.currentTimeMillis() + 10_000;
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    /** The latest value per key, as a table read from a changelog-like output topic. */
    static <V> Map<String, V> latest(String bootstrap, String topic, Deserializer<V> values) {
        Map<String, V> out = new HashMap<>();
        for (ConsumerRecord<String, V> r : readAll(bootstrap, topic, values)) out.put(r.key(), r.value());
        return out;
    }

    static void waitUntil(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    static Properties config(String bootstrap, String applicationId, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        p.put("consumer.session.timeout.ms", "6000");
        p.put("consumer.heartbeat.interval.ms", "500");
        return p;
    }

    /** Word count as in Kafka's documentation: lines split into words, re-keyed by word (a repartition), counted. */
    static Topology wordCount(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream(input)
                .flatMapValues(line -> Arrays.asList(line.toLowerCase().split("\\W+")))
                .groupBy((key, word) -> word)
                .count(Materialized.as("word-counts"))
                .toStream()
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    /**
     * A workload whose result is exact under at-least-once: per key, the set of distinct values seen (reprocessing a
     * record adds nothing), emitted as its size; a lost or unrestored state would lose members. Beside it a plain
     * count, which may only over-count by what was reprocessed.
     */
    static Topology distinctAndCount(String input, String distinctOut, String countOut) {
        StreamsBuilder builder = new StreamsBuilder();
        var grouped = builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()));
        grouped.aggregate(() -> "", (key, value, agg) -> {
                    TreeSet<String> members = new TreeSet<>(agg.isEmpty() ? List.of() : Arrays.asList(agg.split(",")));
                    members.add(value);
                    return String.join(",", members);
                }, Materialized.as("distinct-values"))
                .mapValues(agg -> (long) agg.split(",").length)
                .toStream().to(distinctOut, Produced.with(Serdes.String(), Serdes.Long()));
        grouped.count(Materialized.as("value-counts"))
                .toStream().to(countOut, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    static void awaitState(KafkaStreams streams, KafkaStreams.State state, long timeoutMs) throws InterruptedException {
        waitUntil("state " + state + " (now " + streams.state() + ")", timeoutMs, () -> streams.state() == state);
    }
}
