package dev.millrace.connect.testkit;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real in-process Millrace broker on a free port, and a reader of whole topics through kafka-clients. */
public final class TestBroker implements AutoCloseable {
    private final MillraceServer server;

    private TestBroker(MillraceServer server) {
        this.server = server;
    }

    public static TestBroker start() throws Exception {
        Path dir = Files.createTempDirectory("millrace-connect-broker");
        return new TestBroker(MillraceServer.start(BrokerConfig.parse(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "num.io.threads", "2",
                "num.network.threads", "2"))));
    }

    public String bootstrapServers() {
        return server.bootstrapServers();
    }

    /** Every record of {@code topic} (all partitions) up to its end now; empty if the topic does not exist. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers(),
                "allow.auto.create.topics", "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            if (infos == null || infos.isEmpty()) {
                return out;
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return new ArrayList<>();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
