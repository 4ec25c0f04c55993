package dev.millrace.connect.runtime.store;

import dev.millrace.connect.errors.ConnectException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Creates the worker's compacted topics, reads one back from the beginning to its end, and writes records to them
 * synchronously (idempotent, acks=all), so state is durable before the worker acts on it.
 */
public final class InternalTopics implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> clientConfig;
    private final KafkaProducer<byte[], byte[]> producer;

    public InternalTopics(Map<String, Object> clientConfig, Map<String, Object> producerOverrides) {
        this.clientConfig = Map.copyOf(clientConfig);
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put("enable.idempotence", "true");
        props.put("acks", "all");
        props.put("client.id", "millrace-connect-internal");
        props.putAll(producerOverrides);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Creates {@code topic} compacted with {@code partitions} (and the broker's default replication) if absent. */
    public void ensureCompacted(Admin admin, String topic, int partitions, short replicationFactor) {
        NewTopic newTopic = new NewTopic(topic, Optional.of(partitions),
                replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor))
                .configs(Map.of("cleanup.policy", "compact"));
        try {
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ConnectException("Could not create the worker topic '" + topic + "': "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted creating the worker topic '" + topic + "'", e);
        } catch (TimeoutException e) {
            throw new ConnectException("Timed out creating the worker topic '" + topic + "': is bootstrap.servers "
                    + clientConfig.get("bootstrap.servers") + " reachable?", e);
        }
    }

    /** Every record of {@code topic} up to its current end, in offset order per partition. */
    public void readToEnd(String topic, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.put("enable.auto.commit", "false");
        props.put("client.id", "millrace-connect-reader-" + topic);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, READ_TIMEOUT)) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new ConnectException("Timed out reading the worker topic '" + topic + "' to its end");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    sink.accept(record);
                }
            }
        }
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Writes one record and waits for the broker's acknowledgement. */
    public void write(String topic, byte[] key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ConnectException("Could not write to the worker topic '" + topic + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted writing to the worker topic '" + topic + "'", e);
        } catch (TimeoutException e) {
            throw new ConnectException("Timed out writing to the worker topic '" + topic + "'", e);
        }
    }

    /** Writes one record without waiting; failures are only logged by the caller's callback. */
    public void writeAsync(String topic, byte[] key, byte[] value, Consumer<Exception> onError) {
        producer.send(new ProducerRecord<>(topic, key, value), (md, e) -> {
            if (e != null) {
                onError.accept(e);
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
