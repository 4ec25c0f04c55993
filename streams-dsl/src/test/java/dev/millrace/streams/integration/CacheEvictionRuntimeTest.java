package dev.millrace.streams.integration;

import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Produced;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static dev.millrace.streams.integration.RuntimeTestSupport.awaitState;
import static dev.millrace.streams.integration.RuntimeTestSupport.config;
import static dev.millrace.streams.integration.RuntimeTestSupport.createTopic;
import static dev.millrace.streams.integration.RuntimeTestSupport.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The record cache's budget, not the commit, bounds what a cached aggregation holds back in the real runtime. */
class CacheEvictionRuntimeTest {
    @RegisterExtension
    static final InProcessBroker BROKER = new InProcessBroker();

    @TempDir
    Path state;

    @Test
    void aCachedCountOverManyKeysForwardsBeforeTheFirstCommit() throws Exception {
        String bootstrap = BROKER.bootstrap();
        createTopic(bootstrap, "evict-in", 1);
        createTopic(bootstrap, "evict-out", 1);
        int keys = 3_000;
        List<String[]> input = new ArrayList<>();
        for (int i = 0; i < keys; i++) input.add(new String[] {String.format("key-%05d", i), "v"});
        produce(bootstrap, "evict-in", input);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("evict-in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey()
                .count(Materialized.as("evict-counts")).toStream()
                .to("evict-out", Produced.with(Serdes.String(), Serdes.Long()));
        Properties props = config(bootstrap, "evict", state);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "600000"); // no commit while the test runs
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "20000"); // about 165 cached counts
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            awaitState(streams, KafkaStreams.State.RUNNING, 30_000);
            Map<String, Long> out = new HashMap<>();
            try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                    "auto.offset.reset", "earliest"), new StringDeserializer(), new LongDeserializer())) {
                TopicPartition tp = new TopicPartition("evict-out", 0);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                long deadline = System.currentTimeMillis() + 60_000;
                while (out.size() < keys - 200 && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<String, Long> r : consumer.poll(Duration.ofMillis(200))) {
                        assertEquals(null, out.put(r.key(), r.value()), "each key's count goes out once");
                    }
                }
            }
            assertTrue(out.size() >= keys - 200, "only " + out.size() + " of " + keys + " counts out");
            assertTrue(out.values().stream().allMatch(n -> n == 1L), "every key counted once: " + out.values());
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("evict").partitionsToOffsetAndMetadata().get();
                assertTrue(committed.values().stream().allMatch(o -> o == null), "the task committed: " + committed);
            }
        }
    }
}
