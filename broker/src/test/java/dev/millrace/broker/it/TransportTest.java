package dev.millrace.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.epoll.Epoll;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The listener runs on Linux's native epoll by default, on NIO when asked, and serves clients the same on both. */
class TransportTest {
    private static final String PROPERTY = "millrace.network.transport";

    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void linuxBrokersListenOnNativeEpollByDefault() throws Exception {
        boolean linuxX64 = System.getProperty("os.name").startsWith("Linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        assertEquals(linuxX64, Epoll.isAvailable(), "epoll availability: " + Epoll.unavailabilityCause());
        try (BrokerHarness broker = new BrokerHarness(dir)) {
            assertEquals(linuxX64 ? "epoll" : "nio", broker.transport());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void producedRecordsAreFetchedBackOnEitherTransport(String transport) throws Exception {
        System.setProperty(PROPERTY, transport);
        try (BrokerHarness broker = new BrokerHarness(dir)) {
            assertEquals(transport, broker.transport());
            try (var admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
            }
            int n = 5_000;
            try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of("linger.ms", 5))) {
                for (int i = 0; i < n; i++) {
                    producer.send(new ProducerRecord<>("t", ("value-" + i).getBytes(StandardCharsets.UTF_8)));
                }
            }
            List<String> read = new ArrayList<>();
            // small fetches, so the log is sent to the socket as many file regions
            try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of("max.partition.fetch.bytes", 4096))) {
                consumer.assign(List.of(new TopicPartition("t", 0)));
                consumer.seekToBeginning(List.of(new TopicPartition("t", 0)));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (read.size() < n && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        read.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
            assertEquals(n, read.size());
            for (int i = 0; i < n; i++) {
                assertEquals("value-" + i, read.get(i));
            }
        }
    }

    @Test
    void anUnknownTransportStopsStartUpNamingTheProperty() {
        System.setProperty(PROPERTY, "kqueue");
        Exception e = assertThrows(IllegalArgumentException.class, () -> new BrokerHarness(dir).close());
        assertTrue(e.getMessage().contains(PROPERTY) && e.getMessage().contains("kqueue"), e.getMessage());
    }
}
