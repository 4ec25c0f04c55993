package dev.millrace.examples.wordcount;

import dev.millrace.examples.PortedSource;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.TopologyTestDriver;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The issue's port claim on the documentation's word count: {@link KafkaWordCount} is {@link WordCount} compiled
 * against Kafka Streams, the two sources differ in the import prefix only, and over the same input the two give the
 * same output records (key, value, timestamp, in order) and the same {@code describe()} text.
 */
class WordCountPortTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void kafkaTwinIsWordCountWithOnlyTheImportPrefixChanged() throws IOException {
        PortedSource.assertOnlyImportPrefixChanged(WordCount.class);
    }

    @Test
    void documentationInputGivesEveryUpdatedCount() {
        List<String> lines = List.of("all streams lead to kafka", "hello kafka streams", "join kafka summit");
        assertEquals(List.of("all=1@0", "streams=1@0", "lead=1@0", "to=1@0", "kafka=1@0",
                "hello=1@1000", "kafka=2@1000", "streams=2@1000",
                "join=1@2000", "kafka=3@2000", "summit=1@2000"), runOnMillrace(lines));
    }

    @Test
    void sameOutputAsKafkaStreamsOverRandomText() {
        String[] words = {"Kafka", "streams", "MILLRACE", "the", "a", "word", "count", "Ünïcode", "x"};
        String[] separators = {" ", "  ", ", ", "-", ".", "\t", "!? "};
        Random random = new Random(8);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder line = new StringBuilder(random.nextInt(4) == 0 ? " " : "");
            for (int w = random.nextInt(8); w >= 0; w--) {
                line.append(words[random.nextInt(words.length)]).append(separators[random.nextInt(separators.length)]);
            }
            lines.add(line.toString());
        }
        List<String> expected = runOnKafkaStreams(lines);
        assertEquals(expected, runOnMillrace(lines));
        assertEquals(true, expected.size() > 1000, "enough output to compare: " + expected.size());
    }

    @Test
    void sameTopologyDescription() {
        StreamsBuilder ours = new StreamsBuilder();
        WordCount.createWordCountStream(ours);
        org.apache.kafka.streams.StreamsBuilder kafkas = new org.apache.kafka.streams.StreamsBuilder();
        KafkaWordCount.createWordCountStream(kafkas);
        assertEquals(kafkas.build().describe().toString(), ours.build().describe().toString());
    }

    private static List<String> runOnMillrace(List<String> lines) {
        StreamsBuilder builder = new StreamsBuilder();
        WordCount.createWordCountStream(builder);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), WordCount.streamsConfig(new String[0]))) {
            var input = driver.createInputTopic(WordCount.INPUT_TOPIC, new StringSerializer(), new StringSerializer(),
                    START, Duration.ofSeconds(1));
            lines.forEach(input::pipeInput);
            var output = driver.createOutputTopic(WordCount.OUTPUT_TOPIC, new StringDeserializer(), new LongDeserializer());
            List<String> out = new ArrayList<>();
            output.readRecordsToList().forEach(r -> out.add(show(r.key(), r.value(), r.timestamp())));
            return out;
        }
    }

    private static List<String> runOnKafkaStreams(List<String> lines) {
        org.apache.kafka.streams.StreamsBuilder builder = new org.apache.kafka.streams.StreamsBuilder();
        KafkaWordCount.createWordCountStream(builder);
        try (var driver = new org.apache.kafka.streams.TopologyTestDriver(builder.build(),
                KafkaWordCount.streamsConfig(new String[0]))) {
            var input = driver.createInputTopic(KafkaWordCount.INPUT_TOPIC, new StringSerializer(),
                    new StringSerializer(), START, Duration.ofSeconds(1));
            lines.forEach(input::pipeInput);
            var output = driver.createOutputTopic(KafkaWordCount.OUTPUT_TOPIC, new StringDeserializer(),
                    new LongDeserializer());
            List<String> out = new ArrayList<>();
            output.readRecordsToList().forEach(r -> out.add(show(r.key(), r.value(), r.timestamp())));
            return out;
        }
    }

    private static String show(String key, Long value, long timestamp) {
        return key + "=" + value + "@" + (timestamp - START.toEpochMilli());
    }
}
