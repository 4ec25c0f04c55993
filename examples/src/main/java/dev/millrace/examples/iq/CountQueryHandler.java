package dev.millrace.examples.iq;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.KeyQueryMetadata;
import dev.millrace.streams.StoreQueryParameters;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.state.HostInfo;
import dev.millrace.streams.state.QueryableStoreTypes;
import dev.millrace.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.common.serialization.Serdes;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code GET /count/{word}}: the word's count (200, text), 404 for a word never counted, 503 while the owner of the
 * word is not known or its store is moving (retry later). Asks the application where the word's partition is active:
 * here, it reads the local store; elsewhere, it forwards the request to that instance and relays its answer.
 */
final class CountQueryHandler implements HttpHandler {
    static final String PATH = "/count/";
    /** Marks a forwarded request: its receiver answers from its own store or with 503, never forwards it on. */
    static final String FORWARDED_HEADER = "X-Millrace-Forwarded";

    private final KafkaStreams streams;
    private final String storeName;
    private final HostInfo self;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    CountQueryHandler(KafkaStreams streams, String storeName, HostInfo self) {
        this.streams = streams;
        this.storeName = storeName;
        this.self = self;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "only GET");
                return;
            }
            String rawWord = exchange.getRequestURI().getRawPath().substring(PATH.length());
            if (rawWord.isEmpty() || rawWord.contains("/")) {
                respond(exchange, 404, "use /count/{word}");
                return;
            }
            answer(exchange, URLDecoder.decode(rawWord, StandardCharsets.UTF_8));
        }
    }

    private void answer(HttpExchange exchange, String word) throws IOException {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(storeName, word, Serdes.String().serializer());
        } catch (IllegalStateException notRunning) {
            respond(exchange, 503, "not running: " + notRunning.getMessage());
            return;
        }
        if (KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            respond(exchange, 503, "no assignment yet");
        } else if (self.equals(metadata.activeHost())) {
            answerLocally(exchange, word);
        } else if (exchange.getRequestHeaders().containsKey(FORWARDED_HEADER)) {
            // the sender and this instance disagree on the owner: an assignment is changing, so do not bounce it
            respond(exchange, 503, "owner of '" + word + "' is moving");
        } else {
            forward(exchange, metadata.activeHost(), word);
        }
    }

    private void answerLocally(HttpExchange exchange, String word) throws IOException {
        Long count;
        try {
            ReadOnlyKeyValueStore<String, Long> store = streams.store(
                    StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
            count = store.get(word);
        } catch (InvalidStateStoreException moving) {
            respond(exchange, 503, moving.getMessage());
            return;
        }
        if (count == null) respond(exchange, 404, "'" + word + "' not counted");
        else respond(exchange, 200, count.toString());
    }

    private void forward(HttpExchange exchange, HostInfo owner, String word) throws IOException {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + PATH
                + URLEncoder.encode(word, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpRequest request = HttpRequest.newBuilder(uri).header(FORWARDED_HEADER, self.host() + ":" + self.port())
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            respond(exchange, response.statusCode(), response.body());
        } catch (IOException unreachable) {
            respond(exchange, 503, "owner " + owner + " unreachable: " + unreachable.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            respond(exchange, 503, "interrupted");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
