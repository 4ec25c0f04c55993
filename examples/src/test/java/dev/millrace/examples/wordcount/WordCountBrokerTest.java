package dev.millrace.examples.wordcount;

import dev.millrace.broker.server.MillraceServer;
import dev.millrace.examples.TestBroker;
import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.StreamsConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The word count example against a real (in-process) Millrace broker: its configuration and topology, unchanged. */
class WordCountBrokerTest {
    @TempDir
    Path dir;

    @Test
    void countsTheDocumentationLinesThroughABroker() throws Exception {
        try (MillraceServer broker = TestBroker.start(dir)) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(WordCount.INPUT_TOPIC, 2, (short) 1),
                        new NewTopic(WordCount.OUTPUT_TOPIC, 2, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                    new StringSerializer(), new StringSerializer())) {
                for (String line : List.of("all streams lead to kafka", "hello kafka streams", "join kafka summit")) {
                    producer.send(new ProducerRecord<>(WordCount.INPUT_TOPIC, line));
                }
            }

            Properties config = WordCount.streamsConfig(new String[] {bootstrap});
            config.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
            config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"); // output sooner than the default 30 s
            StreamsBuilder builder = new StreamsBuilder();
            WordCount.createWordCountStream(builder);
            Map<String, Long> expected = Map.of("all", 1L, "streams", 2L, "lead", 1L, "to", 1L, "kafka", 3L,
                    "hello", 1L, "join", 1L, "summit", 1L);
            try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
                streams.start();
                assertEquals(expected, latestCounts(bootstrap, expected, 60_000));
            }
        }
    }

    /** The latest count per word in the output topic, read until it equals {@code expected} or the time is up. */
    private static Map<String, Long> latestCounts(String bootstrap, Map<String, Long> expected, long timeoutMs) {
        Map<String, Long> latest = new HashMap<>();
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new LongDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(WordCount.OUTPUT_TOPIC, 0),
                    new TopicPartition(WordCount.OUTPUT_TOPIC, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (!latest.equals(expected) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
            }
        }
        return latest;
    }
}
