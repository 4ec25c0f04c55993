package dev.millrace.streams;

import dev.millrace.streams.processor.internals.DefaultStreamPartitioner;
import dev.millrace.streams.state.HostInfo;
import dev.millrace.streams.state.internals.StreamsMetadataImpl;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The interactive-query value classes and key partitioning, compared with Kafka Streams 4.4's. */
class InteractiveQueriesDifferentialTest {
    /** A key's partition as queryMetadataForKey computes it equals Kafka Streams' default partitioner's. */
    @Test
    void keyPartitionsEqualKafkaStreams() {
        var ours = new DefaultStreamPartitioner<String, Object>(new StringSerializer());
        var theirs = new org.apache.kafka.streams.processor.internals.DefaultStreamPartitioner<String, Object>(new StringSerializer());
        Random random = new Random(5);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(20)];
            random.nextBytes(bytes);
            String key = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            for (int n : new int[] {1, 2, 3, 4, 7, 16}) {
                assertEquals(theirs.partitions("t", key, null, new RecordHeaders(), n), ours.partitions("t", key, null, new RecordHeaders(), n),
                        key + " over " + n);
            }
        }
    }

    /** application.server parsing: the same hosts and ports, and the same error for the same bad endpoints. */
    @Test
    void endpointsParseAsKafkaStreams() {
        for (String endpoint : new String[] {"localhost:8080", "127.0.0.1:1", "[::1]:9092", "my-host.example.com:65535", "host",
                "host:abc", ":80", "", "  ", "host:99999999999", "a:b:c:1"}) {
            String ours = parse(() -> {
                HostInfo h = HostInfo.buildFromEndpoint(endpoint);
                return h == null ? "null" : h.toString();
            });
            String theirs = parse(() -> {
                var h = org.apache.kafka.streams.state.HostInfo.buildFromEndpoint(endpoint);
                return h == null ? "null" : h.toString();
            });
            assertEquals(theirs, ours, endpoint);
        }
        assertEquals(org.apache.kafka.streams.state.HostInfo.unavailable().toString(), HostInfo.unavailable().toString());
    }

    private static String parse(java.util.function.Supplier<String> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** KeyQueryMetadata and StreamsMetadata print as Kafka Streams' do. */
    @Test
    void metadataPrintsAsKafkaStreams() {
        assertEquals(org.apache.kafka.streams.KeyQueryMetadata.NOT_AVAILABLE.toString(), KeyQueryMetadata.NOT_AVAILABLE.toString());
        var theirs = new org.apache.kafka.streams.KeyQueryMetadata(new org.apache.kafka.streams.state.HostInfo("a", 1),
                Set.of(new org.apache.kafka.streams.state.HostInfo("b", 2)), 3);
        assertEquals(theirs.toString(), new KeyQueryMetadata(new HostInfo("a", 1), Set.of(new HostInfo("b", 2)), 3).toString());
        Set<TopicPartition> active = new TreeSet<>((x, y) -> x.toString().compareTo(y.toString()));
        active.add(new TopicPartition("in", 0));
        var theirMetadata = new org.apache.kafka.streams.state.internals.StreamsMetadataImpl(
                new org.apache.kafka.streams.state.HostInfo("a", 1), Set.of("counts"), active, Set.of(), Set.of());
        assertEquals(theirMetadata.toString(), new StreamsMetadataImpl(new HostInfo("a", 1), Set.of("counts"), active, Set.of(), Set.of()).toString());
    }
}
