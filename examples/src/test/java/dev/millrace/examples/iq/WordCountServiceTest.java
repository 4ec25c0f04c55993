package dev.millrace.examples.iq;

import dev.millrace.broker.server.MillraceServer;
import dev.millrace.examples.TestBroker;
import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.StreamsConfig;
import dev.millrace.streams.state.HostInfo;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two instances of the service against an in-process broker, the input over four partitions: asking either
 * instance for any word gives its exact count, whichever instance holds it (so both the local read and the
 * forwarding are exercised); a word never seen is 404 on both.
 */
class WordCountServiceTest {
    private static final List<String> WORDS = List.of("kafka", "streams", "millrace", "broker", "topic", "partition",
            "store", "query", "join", "table", "window", "state");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eitherInstanceAnswersForEveryWord() throws Exception {
        try (MillraceServer broker = TestBroker.start(dir)) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(WordCountService.INPUT_TOPIC, 4, (short) 1))).all().get();
            }
            Map<String, Long> expected = writeLines(bootstrap);

            try (WordCountService a = new WordCountService(config(bootstrap, "a"), "localhost", 0);
                 WordCountService b = new WordCountService(config(bootstrap, "b"), "localhost", 0)) {
                a.start();
                b.start();
                List<WordCountService> both = List.of(a, b);
                long deadline = System.currentTimeMillis() + 90_000;
                while (!(answersAll(a, expected) && answersAll(b, expected)) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                for (WordCountService service : both) {
                    assertEquals(expected, counts(service, expected.keySet()), "asked " + service.endpoint());
                    assertEquals(404, get(service, "unknown").statusCode());
                    assertEquals(404, get(service, "").statusCode());
                }
                // the words are spread over both instances: each one answered some by forwarding to the other
                Set<HostInfo> owners = new HashSet<>();
                for (String word : expected.keySet()) {
                    owners.add(a.streams().queryMetadataForKey(WordCountService.STORE, word,
                            Serdes.String().serializer()).activeHost());
                }
                assertEquals(Set.of(a.endpoint(), b.endpoint()), owners);
                // a forwarded request is answered by its receiver or refused, never forwarded on (no loops)
                String ownedByB = expected.keySet().stream().filter(word -> b.endpoint().equals(a.streams()
                        .queryMetadataForKey(WordCountService.STORE, word, Serdes.String().serializer()).activeHost()))
                        .findFirst().orElseThrow();
                assertEquals(503, send(a, ownedByB, HttpRequest.newBuilder().header(
                        CountQueryHandler.FORWARDED_HEADER, "elsewhere:1")).statusCode());
                assertEquals(405, send(a, ownedByB, HttpRequest.newBuilder()
                        .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
                assertEquals(KafkaStreams.State.RUNNING, a.streams().state());
                assertEquals(KafkaStreams.State.RUNNING, b.streams().state());
            }
        }
    }

    /** Word i of {@link #WORDS} i+1 times, shuffled into lines of up to five words, keyed so they spread over partitions. */
    private static Map<String, Long> writeLines(String bootstrap) {
        Map<String, Long> expected = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < WORDS.size(); i++) {
            expected.put(WORDS.get(i), (long) i + 1);
            all.addAll(Collections.nCopies(i + 1, WORDS.get(i)));
        }
        Random random = new Random(5);
        Collections.shuffle(all, random);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            int line = 0;
            for (int from = 0; from < all.size(); line++) {
                int to = Math.min(all.size(), from + 1 + random.nextInt(5));
                String text = String.join(random.nextBoolean() ? " " : ", ", all.subList(from, to));
                producer.send(new ProducerRecord<>(WordCountService.INPUT_TOPIC, "line-" + line, text.toUpperCase()));
                from = to;
            }
        }
        return expected;
    }

    private Properties config(String bootstrap, String instance) {
        Properties config = WordCountService.config(bootstrap);
        config.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + instance).toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        return config;
    }

    private boolean answersAll(WordCountService service, Map<String, Long> expected) throws Exception {
        return expected.equals(counts(service, expected.keySet()));
    }

    /** The counts the service gives over HTTP for the words; a word it does not answer with 200 is left out. */
    private Map<String, Long> counts(WordCountService service, Set<String> words) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String word : words) {
            HttpResponse<String> response = get(service, word);
            if (response.statusCode() == 200) out.put(word, Long.parseLong(response.body()));
        }
        return out;
    }

    private HttpResponse<String> get(WordCountService service, String word) throws Exception {
        return send(service, word, HttpRequest.newBuilder().GET());
    }

    private HttpResponse<String> send(WordCountService service, String word, HttpRequest.Builder request)
            throws Exception {
        HostInfo at = service.endpoint();
        URI uri = URI.create("http://" + at.host() + ":" + at.port() + "/count/" + word);
        return http.send(request.uri(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
