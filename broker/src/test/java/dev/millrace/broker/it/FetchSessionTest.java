package dev.millrace.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.FetchSessionHandler;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FetchMetadata;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.utils.internals.LogContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental fetch sessions (KIP-227), driven by kafka-clients' own {@link FetchSessionHandler}: the
 * requests are the ones a consumer builds, and the handler's verdict on each response is the client's.
 */
class FetchSessionTest {
    private static final short VERSION = 12;
    private static final int NODE = 0;

    @TempDir
    static Path dir;
    static BrokerHarness broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new BrokerHarness(dir);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /**
     * A consumer closing while a fetch is in flight: the close request is built first, which empties the
     * handler's partitions, then the in-flight response arrives. Kafka's broker answers that fetch
     * incrementally (only partitions with news: none here), so the client accepts it; a full answer listing
     * every partition is refused as "invalid full fetch response with extraPartitions".
     */
    @Test
    void aResponseInFlightAtCloseCarriesNoPartitionTheClientDropped() throws Exception {
        List<TopicPartition> tps = topic("close-in-flight", 2);
        produce(tps.get(0), "a");
        FetchSessionHandler handler = new FetchSessionHandler(new LogContext(), NODE);
        try (RawClient raw = new RawClient(broker.port())) {
            FetchResponse full = fetch(raw, build(handler, tps, 0));
            assertTrue(handler.handleResponse(full, VERSION), "the full response is accepted");
            FetchSessionHandler.FetchRequestData inFlight = build(handler, List.of(tps.get(0)), 1);
            FetchResponse response = fetch(raw, inFlight);
            // the consumer closes before the response is handled
            handler.notifyClose();
            FetchSessionHandler.FetchRequestData close = handler.newBuilder().build();
            assertTrue(handler.handleResponse(response, VERSION),
                    "not an invalid full fetch response with extraPartitions: "
                            + response.responseData(Map.of(), VERSION).keySet());

            assertNotEquals(0, full.sessionId(), "epoch 0 opens a session");
            assertEquals(Set.of(tps.get(0), tps.get(1)), full.responseData(Map.of(), VERSION).keySet());
            assertEquals(new FetchMetadata(full.sessionId(), 1), inFlight.metadata());
            assertEquals(Set.of(), response.responseData(Map.of(), VERSION).keySet(), "nothing changed");
            assertEquals(new FetchMetadata(full.sessionId(), FetchMetadata.FINAL_EPOCH), close.metadata());

            FetchResponse closed = fetch(raw, close);
            assertEquals(Errors.NONE, closed.error());
            assertEquals(0, closed.sessionId(), "epoch -1 closes the session and opens none");
            FetchResponse stale = fetch(raw, new FetchMetadata(full.sessionId(), 2), Map.of(), List.of());
            assertEquals(Errors.FETCH_SESSION_ID_NOT_FOUND, stale.error());
        }
    }

    @Test
    void incrementalResponsesCarryOnlyPartitionsWithNews() throws Exception {
        List<TopicPartition> tps = topic("incremental", 3);
        FetchSessionHandler handler = new FetchSessionHandler(new LogContext(), NODE);
        try (RawClient raw = new RawClient(broker.port())) {
            FetchResponse full = fetch(raw, build(handler, tps, 0));
            assertTrue(handler.handleResponse(full, VERSION));
            assertEquals(3, full.responseData(Map.of(), VERSION).size());

            produce(tps.get(1), "b");
            FetchResponse news = fetch(raw, build(handler, tps, 0));
            assertTrue(handler.handleResponse(news, VERSION));
            assertEquals(full.sessionId(), news.sessionId());
            assertEquals(Set.of(tps.get(1)), news.responseData(Map.of(), VERSION).keySet());
            assertEquals(1, news.responseData(Map.of(), VERSION).get(tps.get(1)).highWatermark());

            // the client moves on in partition 1 and stops fetching partitions 0 and 2 (forgotten)
            produce(tps.get(2), "c");
            produce(tps.get(1), "d");
            FetchSessionHandler.FetchRequestData next = build(handler, List.of(tps.get(1)), 1);
            assertEquals(Set.of(tps.get(0), tps.get(2)),
                    next.toForget().stream().map(TopicIdPartition::topicPartition).collect(Collectors.toSet()));
            FetchResponse afterForget = fetch(raw, next);
            assertTrue(handler.handleResponse(afterForget, VERSION));
            assertEquals(Set.of(tps.get(1)), afterForget.responseData(Map.of(), VERSION).keySet(),
                    "the forgotten partition is not answered although it has data");

            FetchResponse wrongEpoch = fetch(raw, new FetchMetadata(full.sessionId(), 99), Map.of(),
                    List.of());
            assertEquals(Errors.INVALID_FETCH_SESSION_EPOCH, wrongEpoch.error());
        }
    }

    @Test
    void sessionlessFullFetchesAnswerEveryPartitionWithSessionIdZero() throws Exception {
        List<TopicPartition> tps = topic("sessionless", 2);
        try (RawClient raw = new RawClient(broker.port())) {
            Map<TopicPartition, FetchRequest.PartitionData> all = new java.util.LinkedHashMap<>();
            for (TopicPartition tp : tps) {
                all.put(tp, new FetchRequest.PartitionData(Uuid.ZERO_UUID, 0, -1, 1 << 20, Optional.empty()));
            }
            FetchResponse response = fetch(raw, FetchMetadata.LEGACY, all, List.of());
            assertEquals(0, response.sessionId());
            assertEquals(Set.copyOf(tps), response.responseData(Map.of(), VERSION).keySet());
        }
    }

    /** A real consumer over several rounds of produce: the incremental path loses and repeats nothing. */
    @Test
    void aConsumerReadsEveryRecordThroughItsSession() throws Exception {
        List<TopicPartition> tps = topic("consumer-session", 3);
        Set<String> expected = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        List<String> duplicates = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of("fetch.max.wait.ms", 100))) {
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            for (int round = 0; round < 5; round++) {
                for (TopicPartition tp : tps) {
                    String value = tp + "-" + round;
                    if (round % 2 == 0 || tp.partition() == round % 3) {
                        produce(tp, value);
                        expected.add(value);
                    }
                }
                long deadline = System.currentTimeMillis() + 10_000;
                while (!seen.containsAll(expected) && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(java.time.Duration.ofMillis(100))) {
                        String v = new String(r.value(), StandardCharsets.UTF_8);
                        if (!seen.add(v)) {
                            duplicates.add(v);
                        }
                    }
                }
            }
        }
        assertEquals(expected, seen);
        assertEquals(List.of(), duplicates);
    }

    private static List<TopicPartition> topic(String name, int partitions) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
        List<TopicPartition> tps = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            tps.add(new TopicPartition(name, i));
        }
        return tps;
    }

    private static void produce(TopicPartition tp, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), null,
                    value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** The next request of {@code handler} for {@code tps}, each fetched from {@code offset}. */
    private static FetchSessionHandler.FetchRequestData build(FetchSessionHandler handler, List<TopicPartition> tps,
                                                              long offset) {
        FetchSessionHandler.Builder builder = handler.newBuilder();
        for (TopicPartition tp : tps) {
            builder.add(tp, new FetchRequest.PartitionData(Uuid.ZERO_UUID, offset, -1, 1 << 20, Optional.empty()));
        }
        return builder.build();
    }

    private static FetchResponse fetch(RawClient raw, FetchSessionHandler.FetchRequestData data) throws Exception {
        return fetch(raw, data.metadata(), data.toSend(), data.toForget());
    }

    private static FetchResponse fetch(RawClient raw, FetchMetadata metadata,
                                       Map<TopicPartition, FetchRequest.PartitionData> toSend,
                                       List<TopicIdPartition> toForget) throws Exception {
        FetchRequest request = FetchRequest.Builder.forConsumer(VERSION, 0, 1, toSend)
                .metadata(metadata)
                .removed(toForget)
                .build(VERSION);
        return FetchResponse.parse(new ByteBufferAccessor(raw.request(request.data(), VERSION)), VERSION);
    }
}
