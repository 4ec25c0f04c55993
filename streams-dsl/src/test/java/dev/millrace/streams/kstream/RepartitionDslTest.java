package dev.millrace.streams.kstream;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.TestInputTopic;
import dev.millrace.streams.TopologyTestDriver;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code KStream.repartition()} through the test driver, and bad arguments given to Kafka Streams' DSL and to ours:
 * both must throw the same exception type with the same message.
 */
class RepartitionDslTest {
    private static Properties config() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "repartition-test");
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        return p;
    }

    @Test
    void recordsCrossTheTopicWithTheirSerdesAndNullKeysDoNot() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
                .mapValues(String::length)
                .repartition(Repartitioned.<String, Integer>as("lengths").withValueSerde(Serdes.Integer()).withNumberOfPartitions(4))
                .to("out");
        var topology = b.build();
        String description = topology.describe().toString();
        assertTrue(description.contains("Sink: lengths-repartition-sink (topic: lengths-repartition)"), description);
        assertTrue(description.contains("Source: lengths-repartition-source (topics: [lengths-repartition])"), description);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, config())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            in.pipeInput("a", "four", 1);
            in.pipeInput(null, "dropped", 2);
            in.pipeInput("b", "sixsix", 3);
            assertEquals(List.of(KeyValue.pair("a", 4), KeyValue.pair("b", 6)),
                    driver.createOutputTopic("out", new StringDeserializer(), new IntegerDeserializer()).readKeyValuesToList(),
                    "the new stream keeps the Repartitioned's value serde");
            assertTrue(driver.producedTopicNames().contains("repartition-test-lengths-repartition"),
                    "the topic carries the application id: " + driver.producedTopicNames());
        }
    }

    @Test
    void aPartitionerReturningNoPartitionsDropsTheRecord() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in")
                .repartition(Repartitioned.<String, String>streamPartitioner(
                        (topic, key, value, n) -> value.startsWith("x") ? Optional.of(Set.of()) : Optional.of(Set.of(n - 1))))
                .to("out");
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), config())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            in.pipeInput("a", "kept", 1);
            in.pipeInput("b", "xdropped", 2);
            List<KeyValue<String, String>> out =
                    driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer()).readKeyValuesToList();
            assertEquals(List.of(KeyValue.pair("a", "kept")), out);
            assertFalse(out.isEmpty());
        }
    }

    private static void assertSameError(Executable kafka, Executable millrace) {
        Throwable expected = assertThrows(Throwable.class, kafka, "Kafka Streams accepts it");
        Throwable actual = assertThrows(Throwable.class, millrace, "Millrace accepts it");
        assertEquals(expected.getClass().getSimpleName(), actual.getClass().getSimpleName(), expected.toString());
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    @Test
    void badArgumentsAreRefusedAsKafkaStreamsRefusesThem() {
        assertSameError(() -> new org.apache.kafka.streams.StreamsBuilder().<String, String>stream("in").repartition(null),
                () -> new StreamsBuilder().<String, String>stream("in").repartition(null));
        assertSameError(() -> {
            var b = new org.apache.kafka.streams.StreamsBuilder();
            b.<String, String>stream("in").repartition(org.apache.kafka.streams.kstream.Repartitioned.as("in")).to("out");
            b.<String, String>stream("in-repartition").to("out2");
            b.build();
        }, () -> {
            StreamsBuilder b = new StreamsBuilder();
            b.<String, String>stream("in").repartition(Repartitioned.as("in")).to("out");
            b.<String, String>stream("in-repartition").to("out2");
            b.build();
        });
        assertSameError(() -> {
            var b = new org.apache.kafka.streams.StreamsBuilder();
            var s = b.<String, String>stream("in");
            s.repartition(org.apache.kafka.streams.kstream.Repartitioned.as("same")).to("a");
            s.repartition(org.apache.kafka.streams.kstream.Repartitioned.as("same")).to("b");
            b.build();
        }, () -> {
            StreamsBuilder b = new StreamsBuilder();
            var s = b.<String, String>stream("in");
            s.repartition(Repartitioned.as("same")).to("a");
            s.repartition(Repartitioned.as("same")).to("b");
            b.build();
        });
    }
}
