package dev.millrace.streams;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs the same program written against Kafka Streams' DSL (the reference, test scope only) and against Millrace's,
 * each through its own TopologyTestDriver, over the same input, and returns what each wrote: per output topic the
 * records in order, as key bytes, value bytes and timestamp, so serdes are compared too.
 */
final class DifferentialHarness {
    static final String APP_ID = "differential-app";

    /** One input record; a null key or value is piped as null. */
    record In(String topic, String key, String value, long timestamp) {
    }

    /** One output record, bytes shown as text when printable. */
    record Out(String key, String value, long timestamp) {
        @Override
        public String toString() {
            return key + "=" + value + "@" + timestamp;
        }
    }

    private DifferentialHarness() {
    }

    static Properties config(boolean caching) {
        Properties p = new Properties();
        p.put("application.id", APP_ID);
        p.put("bootstrap.servers", "unused:9092");
        p.put("default.key.serde", Serdes.StringSerde.class.getName());
        p.put("default.value.serde", Serdes.StringSerde.class.getName());
        if (!caching) p.put("statestore.cache.max.bytes", "0");
        return p;
    }

    static String show(byte[] bytes) {
        if (bytes == null) return "null";
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) return "0x" + HexFormat.of().formatHex(bytes);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Map<String, List<Out>> runKafka(Consumer<org.apache.kafka.streams.StreamsBuilder> program, List<In> input,
                                           List<String> outputs, boolean caching, StringBuilder describe) {
        org.apache.kafka.streams.StreamsBuilder b = new org.apache.kafka.streams.StreamsBuilder();
        program.accept(b);
        org.apache.kafka.streams.Topology topology = b.build();
        describe.append(topology.describe().toString());
        Map<String, List<Out>> out = new LinkedHashMap<>();
        Path stateDir = tempDir();
        Properties config = config(caching);
        // Kafka's driver defaults to /tmp/kafka-streams, shared by every run on the machine: give it its own
        config.put("state.dir", stateDir.toString());
        try (org.apache.kafka.streams.TopologyTestDriver driver =
                     new org.apache.kafka.streams.TopologyTestDriver(topology, config)) {
            Map<String, org.apache.kafka.streams.TestInputTopic<String, String>> topics = new LinkedHashMap<>();
            for (In in : input) {
                topics.computeIfAbsent(in.topic(), t -> driver.createInputTopic(t, new StringSerializer(), new StringSerializer()))
                        .pipeInput(in.key(), in.value(), in.timestamp());
            }
            for (String topic : outputs) {
                List<Out> records = new ArrayList<>();
                for (var r : driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList()) {
                    records.add(new Out(show(r.key()), show(r.value()), r.timestamp()));
                }
                out.put(topic, records);
            }
        } finally {
            delete(stateDir);
        }
        return out;
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("kafka-streams-oracle");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, List<Out>> runMillrace(Consumer<StreamsBuilder> program, List<In> input, List<String> outputs,
                                              boolean caching, StringBuilder describe) {
        StreamsBuilder b = new StreamsBuilder();
        program.accept(b);
        Topology topology = b.build();
        describe.append(topology.describe().toString());
        Map<String, List<Out>> out = new LinkedHashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, config(caching))) {
            Map<String, TestInputTopic<String, String>> topics = new LinkedHashMap<>();
            for (In in : input) {
                topics.computeIfAbsent(in.topic(), t -> driver.createInputTopic(t, new StringSerializer(), new StringSerializer()))
                        .pipeInput(in.key(), in.value(), in.timestamp());
            }
            for (String topic : outputs) {
                List<Out> records = new ArrayList<>();
                for (var r : driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList()) {
                    records.add(new Out(show(r.key()), show(r.value()), r.timestamp()));
                }
                out.put(topic, records);
            }
        }
        return out;
    }

    private static final String[] WORDS = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "The", "FOX", "a"};
    private static final String[] KEYS = {"k1", "k2", "k3", "k4", "k5", "k6"};

    /**
     * Random input over the given topics: keys from a small set (so aggregates update), sentences of 0-6 words,
     * timestamps mostly rising with some out of order; null keys and values with the given odds.
     */
    static List<In> randomInput(long seed, int count, List<String> topics, double nullKeyOdds, double nullValueOdds) {
        Random random = new Random(seed);
        List<In> out = new ArrayList<>();
        long time = 1_700_000_000_000L;
        for (int i = 0; i < count; i++) {
            time += random.nextInt(50);
            long ts = Math.max(0, time - (random.nextInt(10) == 0 ? random.nextInt(200) : 0));
            String key = random.nextDouble() < nullKeyOdds ? null : KEYS[random.nextInt(KEYS.length)];
            String value = null;
            if (random.nextDouble() >= nullValueOdds) {
                StringBuilder sb = new StringBuilder();
                int n = random.nextInt(7);
                for (int w = 0; w < n; w++) {
                    if (w > 0) sb.append(' ');
                    sb.append(WORDS[random.nextInt(WORDS.length)]);
                }
                value = sb.toString();
            }
            out.add(new In(topics.get(random.nextInt(topics.size())), key, value, ts));
        }
        return out;
    }

    /**
     * Random input for windowed programs: time starts at 0 for odd seeds (so sliding windows meet records earlier than
     * their time difference) and in 2023 for even ones, advances 0-39 ms a record, and one record in six arrives
     * 0-399 ms late, so some fall within grace and some beyond it.
     */
    static List<In> randomWindowedInput(long seed, int count, List<String> topics, double nullKeyOdds, double nullValueOdds) {
        Random random = new Random(seed);
        List<In> out = new ArrayList<>();
        long time = seed % 2 == 0 ? 1_700_000_000_000L : 0L;
        for (int i = 0; i < count; i++) {
            time += random.nextInt(40);
            long ts = Math.max(0, time - (random.nextInt(6) == 0 ? random.nextInt(400) : 0));
            String key = random.nextDouble() < nullKeyOdds ? null : KEYS[random.nextInt(3)];
            String value = random.nextDouble() < nullValueOdds ? null : WORDS[random.nextInt(WORDS.length)];
            out.add(new In(topics.get(random.nextInt(topics.size())), key, value, ts));
        }
        return out;
    }

    /**
     * Kafka Streams' and Millrace's records of one output topic are the same, record by record and in number; returns
     * how many there were, for the callers' check that the comparison proved something.
     */
    static int assertSameRecords(String program, String topic, List<Out> expected, List<Out> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            org.junit.jupiter.api.Assertions.assertEquals(expected.get(i), actual.get(i),
                    program + ": record " + i + " of " + topic);
        }
        org.junit.jupiter.api.Assertions.assertEquals(expected.size(), actual.size(), program + ": records in " + topic);
        return expected.size();
    }

    /**
     * The programs port by changing imports: {@code millraceClass}'s source is {@code kafkaClass}'s with the import
     * prefix org.apache.kafka.streams changed (at least {@code minImports} imports) and the class renamed, nothing else;
     * with {@code ownComments}, the doc-comment lines (" * ") and the class's own line may say other things.
     */
    static void assertSameProgramWithOtherImports(String kafkaClass, String millraceClass, int minImports,
                                                  boolean ownComments) throws IOException {
        Path dir = Path.of("src/test/java/dev/millrace/streams");
        List<String> kafka = Files.readAllLines(dir.resolve(kafkaClass + ".java"));
        List<String> millrace = Files.readAllLines(dir.resolve(millraceClass + ".java"));
        org.junit.jupiter.api.Assertions.assertEquals(kafka.size(), millrace.size());
        int importsChanged = 0;
        for (int i = 0; i < kafka.size(); i++) {
            String k = kafka.get(i);
            if (k.startsWith("import org.apache.kafka.streams.")) importsChanged++;
            if (ownComments && (k.startsWith(" * ") || k.contains(kafkaClass))) continue;
            String expected = k.replace("import org.apache.kafka.streams.", "import dev.millrace.streams.")
                    .replace(kafkaClass, millraceClass);
            org.junit.jupiter.api.Assertions.assertEquals(expected, millrace.get(i), "line " + (i + 1));
        }
        org.junit.jupiter.api.Assertions.assertTrue(importsChanged >= minImports, importsChanged + " imports changed");
    }
}
