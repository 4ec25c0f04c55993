package dev.millrace.connect.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic's records with a kafka-clients consumer and parses keys and values as JSON. */
final class TopicReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record: key and value as JSON ({@code value} is null for a tombstone). */
    record Event(JsonNode key, JsonNode value, long offset) {
        /** The value's payload: inside {"schema":..., "payload":...} when schemas are enabled, else the value. */
        JsonNode payload() {
            return unwrap(value);
        }

        /** The key's payload, unwrapped the same way. */
        JsonNode keyPayload() {
            return unwrap(key);
        }

        private static JsonNode unwrap(JsonNode json) {
            if (json == null || json.isNull()) {
                return null;
            }
            return json.has("schema") && json.has("payload") ? json.get("payload") : json;
        }

        String op() {
            return payload() == null ? null : payload().get("op").asText();
        }

        JsonNode after() {
            return payload().get("after");
        }

        JsonNode before() {
            return payload().get("before");
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Event> events = new ArrayList<>();
    private final java.util.function.Supplier<Throwable> taskFailure;

    TopicReader(String bootstrap, String topic) {
        this(bootstrap, topic, () -> null);
    }

    /** A reader that gives up at once, with the cause, when {@code taskFailure} reports the producing task failed. */
    TopicReader(String bootstrap, String topic, java.util.function.Supplier<Throwable> taskFailure) {
        this.taskFailure = taskFailure;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        consumer = new KafkaConsumer<>(p);
        TopicPartition tp = new TopicPartition(topic, 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
    }

    /** Reads until {@code done} holds for everything read so far, or fails after {@code timeoutMs}. */
    List<Event> readUntil(Predicate<List<Event>> done, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!done.test(events)) {
            Throwable failed = taskFailure.get();
            if (failed != null) {
                throw new AssertionError("the connector task failed", failed);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + events.size() + " events; last: "
                        + (events.isEmpty() ? "none" : abbreviate(events.get(events.size() - 1).payload())));
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                events.add(new Event(parse(r.key()), parse(r.value()), r.offset()));
            }
        }
        return events;
    }

    List<Event> readAtLeast(int n, long timeoutMs) {
        return readUntil(e -> e.size() >= n, timeoutMs);
    }

    /** Everything that arrives within {@code ms}. */
    List<Event> drain(long ms) {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                events.add(new Event(parse(r.key()), parse(r.value()), r.offset()));
            }
        }
        return events;
    }

    private static String abbreviate(JsonNode payload) {
        String s = String.valueOf(payload);
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return bytes == null ? null : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
