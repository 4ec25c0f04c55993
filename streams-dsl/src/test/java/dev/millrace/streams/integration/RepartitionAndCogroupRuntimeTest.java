package dev.millrace.streams.integration;

import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.kstream.KGroupedStream;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.Materialized;
import dev.millrace.streams.kstream.Produced;
import dev.millrace.streams.kstream.Repartitioned;
import dev.millrace.streams.processor.TaskId;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.millrace.streams.integration.RuntimeTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** repartition() and cogroup on the runtime against an in-process Millrace broker. */
class RepartitionAndCogroupRuntimeTest {
    @RegisterExtension
    static final InProcessBroker BROKER = new InProcessBroker();

    @TempDir
    Path state;

    private static List<String[]> keyed(String prefix, int keys, int perKey) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) out.add(new String[] {prefix + k, "v" + i});
        }
        return out;
    }

    private static int partitions(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrap()))) {
            return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    /**
     * A 2-partition input through a repartition topic of 5 partitions (counted after it, so 5 tasks read it) and one of
     * 3 partitions whose partitioner sends everything to the last partition.
     */
    @Test
    void repartitionTopicsHaveTheRequestedPartitionsAndCarryTheRecords() throws Exception {
        createTopic(BROKER.bootstrap(), "rep-in", 2);
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> in = b.stream("rep-in");
        in.repartition(Repartitioned.<String, String>as("spread").withNumberOfPartitions(5))
                .groupByKey()
                .count(Materialized.as("spread-counts"))
                .toStream()
                .to("rep-counts", Produced.valueSerde(Serdes.Long()));
        in.repartition(Repartitioned.<String, String>as("pinned").withNumberOfPartitions(3)
                        .withStreamPartitioner((topic, key, value, n) -> Optional.of(Set.of(n - 1))))
                .mapValues(v -> v.toUpperCase())
                .to("rep-pinned");
        int keys = 12;
        int perKey = 5;
        produce(BROKER.bootstrap(), "rep-in", keyed("key-", keys, perKey));
        try (KafkaStreams streams = new KafkaStreams(b.build(), config(BROKER.bootstrap(), "rep-app", state))) {
            streams.start();
            waitUntil("every key counted", 60_000, () -> {
                Map<String, Long> counts = latest(BROKER.bootstrap(), "rep-counts", new LongDeserializer());
                return counts.size() == keys && counts.values().stream().allMatch(c -> c == perKey);
            });
            waitUntil("every record through the pinned topic", 60_000,
                    () -> readAll(BROKER.bootstrap(), "rep-pinned", new StringDeserializer()).size() == keys * perKey);
            assertEquals(5, partitions("rep-app-spread-repartition"));
            assertEquals(3, partitions("rep-app-pinned-repartition"));
            Set<Integer> spreadUsed = new HashSet<>();
            for (ConsumerRecord<String, String> r : readAll(BROKER.bootstrap(), "rep-app-spread-repartition", new StringDeserializer())) {
                spreadUsed.add(r.partition());
            }
            assertTrue(spreadUsed.size() > 2, "the producer's partitioner spreads 12 keys over the 5 partitions: " + spreadUsed);
            List<ConsumerRecord<String, String>> pinned = readAll(BROKER.bootstrap(), "rep-app-pinned-repartition", new StringDeserializer());
            assertEquals(keys * perKey, pinned.size());
            assertTrue(pinned.stream().allMatch(r -> r.partition() == 2), "the partitioner put every record in the last partition");
            assertTrue(readAll(BROKER.bootstrap(), "rep-pinned", new StringDeserializer()).stream().allMatch(r -> r.value().startsWith("V")));
            Set<TaskId> tasks = new HashSet<>();
            streams.localThreadsTasks().values().forEach(tasks::addAll);
            Map<Integer, Integer> tasksPerSubtopology = new HashMap<>();
            for (TaskId t : tasks) tasksPerSubtopology.merge(t.subtopology(), 1, Integer::sum);
            assertEquals(Map.of(0, 2, 1, 5, 2, 3), tasksPerSubtopology, "one task per partition of each sub-topology's input");
        }
    }

    /** Two co-partitioned topics cogrouped into one table: the shared store's changelog and the output agree. */
    @Test
    void cogroupOfTwoTopicsAggregatesBothIntoOneTable() throws Exception {
        createTopic(BROKER.bootstrap(), "cog-clicks", 3);
        createTopic(BROKER.bootstrap(), "cog-views", 3);
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> clicks = b.<String, String>stream("cog-clicks").groupByKey();
        KGroupedStream<String, String> views = b.<String, String>stream("cog-views").groupByKey();
        clicks.<Long>cogroup((k, v, agg) -> agg + 1)
                .cogroup(views, (k, v, agg) -> agg + 1000)
                .aggregate(() -> 0L, Materialized.<String, Long, dev.millrace.streams.state.KeyValueStore<
                        org.apache.kafka.common.utils.Bytes, byte[]>>as("activity").withValueSerde(Serdes.Long()))
                .toStream()
                .to("cog-out", Produced.valueSerde(Serdes.Long()));
        int keys = 9;
        produce(BROKER.bootstrap(), "cog-clicks", keyed("user-", keys, 4));
        produce(BROKER.bootstrap(), "cog-views", keyed("user-", keys, 2));
        try (KafkaStreams streams = new KafkaStreams(b.build(), config(BROKER.bootstrap(), "cog-app", state))) {
            streams.start();
            waitUntil("every user's clicks and views aggregated", 60_000, () -> {
                Map<String, Long> out = latest(BROKER.bootstrap(), "cog-out", new LongDeserializer());
                return out.size() == keys && out.values().stream().allMatch(v -> v == 2004L);
            });
            waitUntil("the shared store's changelog holds the same", 30_000, () -> {
                Map<String, Long> changelog = latest(BROKER.bootstrap(), "cog-app-activity-changelog", new LongDeserializer());
                return changelog.size() == keys && changelog.values().stream().allMatch(v -> v == 2004L);
            });
        }
    }
}
