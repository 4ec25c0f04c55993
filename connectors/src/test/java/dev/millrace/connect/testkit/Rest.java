package dev.millrace.connect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the REST API over a real socket: status code and parsed JSON body. */
public final class Rest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public record Reply(int status, JsonNode body) {
    }

    public Rest(String base) {
        this.base = base;
    }

    public Reply get(String path) { return send("GET", path, null); }
    public Reply post(String path, Object body) { return send("POST", path, body); }
    public Reply put(String path, Object body) { return send("PUT", path, body); }
    public Reply delete(String path) { return send("DELETE", path, null); }

    public Reply send(String method, String path, Object body) {
        try {
            String json = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Reply(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
