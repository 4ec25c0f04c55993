package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.millrace.broker.server.MillraceServer;
import dev.millrace.connect.runtime.ConnectRuntime;
import dev.millrace.connect.runtime.WorkerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector through the runtime's REST API, as the README's quickstart uses it: a Debezium config POSTed
 * unchanged runs, its status shows the snapshot progress, changes reach the topic; a bad config is refused with
 * the connector's message, and a task that cannot start is FAILED with the fix as the first line of its trace.
 */
class PostgresRestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aDebeziumConfigPostedOverRestRunsAndReportsProgressAndFailures() throws Exception {
        try (PostgresServer pg = PostgresServer.start(); MillraceServer broker = CdcTestSupport.broker(dir);
                ConnectRuntime runtime = ConnectRuntime.start(WorkerConfig.parse(Map.of(
                        "bootstrap.servers", broker.bootstrapServers(), "rest.port", "0",
                        "offset.flush.interval.ms", "200")))) {
            pg.sql("CREATE TABLE orders (id int PRIMARY KEY, item text, qty int)",
                    "INSERT INTO orders VALUES (1, 'apple', 3), (2, 'pear', 1), (3, 'plum', 9)");
            String url = runtime.restUrl();
            JsonNode plugins = send(url + "/connector-plugins", "GET", null).body;
            assertTrue(plugins.toString().contains("dev.millrace.connect.postgres.PostgresConnector"), plugins::toString);

            Map<String, String> config = CdcTestSupport.config(pg, "postgres", "shop");
            config.put("table.include.list", "public\\.orders");
            config.put("tasks.max", "1");
            Reply created = send(url + "/connectors", "POST", Map.of("name", "shop", "config", config));
            assertEquals(201, created.status, created.body::toString);

            JsonNode[] status = new JsonNode[1];
            CdcTestSupport.await("the task to stream", 60_000, () -> {
                status[0] = send(url + "/connectors/shop/status", "GET", null).body;
                JsonNode task = status[0].path("tasks").path(0);
                return "FAILED".equals(task.path("state").asText())
                        || "streaming".equals(task.path("progress").path("phase").asText());
            });
            JsonNode task = status[0].get("tasks").get(0);
            assertEquals("RUNNING", task.get("state").asText(), status[0]::toString);
            assertEquals(3, task.get("progress").get("snapshot_rows").get("public.orders").asInt());

            pg.sql("INSERT INTO orders VALUES (4, 'fig', 2)");
            try (TopicReader topic = new TopicReader(broker.bootstrapServers(), "shop.public.orders")) {
                topic.readUntil(all -> all.stream().anyMatch(e -> "c".equals(e.op())
                        && e.after().get("item").asText().equals("fig")), 30_000);
            }

            Map<String, String> wrong = new HashMap<>(config);
            wrong.put("database.password", "nope");
            wrong.put("database.user", "nobody_here");
            Reply refused = send(url + "/connectors", "POST", Map.of("name", "bad", "config", wrong));
            assertEquals(400, refused.status);
            assertTrue(refused.body.get("message").asText().contains("cannot log in to PostgreSQL"),
                    refused.body::toString);

            // the same slot as the running connector: accepted, but its task fails saying what to change
            Map<String, String> sameSlot = new HashMap<>(config);
            sameSlot.put("topic.prefix", "shop2");
            assertEquals(201, send(url + "/connectors", "POST", Map.of("name", "shop2", "config", sameSlot)).status);
            CdcTestSupport.await("the second task to fail", 60_000, () -> "FAILED".equals(
                    send(url + "/connectors/shop2/status", "GET", null).body.path("tasks").path(0).path("state").asText()));
            String trace = send(url + "/connectors/shop2/status", "GET", null).body.get("tasks").get(0)
                    .get("trace").asText();
            assertTrue(trace.split("\n")[0].contains("replication slot 'debezium' is in use by another connection"),
                    trace);
        }
    }

    @Test
    void stopAndResumeAndATaskRestartOverRestRepeatNoChangeWhileAWriterGoesOn() throws Exception {
        try (PostgresServer pg = PostgresServer.start(); MillraceServer broker = CdcTestSupport.broker(dir);
                ConnectRuntime runtime = ConnectRuntime.start(WorkerConfig.parse(Map.of(
                        "bootstrap.servers", broker.bootstrapServers(), "rest.port", "0",
                        "offset.flush.interval.ms", "60000")))) { // only the stops store offsets
            pg.sql("CREATE TABLE ticks (id int PRIMARY KEY)");
            String url = runtime.restUrl();
            Map<String, String> config = CdcTestSupport.config(pg, "postgres", "tick");
            config.put("table.include.list", "public\\.ticks");
            assertEquals(201, send(url + "/connectors", "POST", Map.of("name", "tick", "config", config)).status);
            CdcTestSupport.await("the task to stream", 60_000, () -> "streaming".equals(send(url
                    + "/connectors/tick/status", "GET", null).body.path("tasks").path(0).path("progress").path("phase")
                    .asText()));

            try (TopicReader topic = new TopicReader(broker.bootstrapServers(), "tick.public.ticks");
                    RowWriter writer = new RowWriter(pg, "ticks")) {
                topic.readAtLeast(200, 60_000);
                assertEquals(204, send(url + "/connectors/tick/stop", "PUT", null).status);
                Thread.sleep(300); // changes committed while stopped
                assertEquals(202, send(url + "/connectors/tick/resume", "PUT", null).status);
                topic.readAtLeast(topic.drain(0).size() + 200, 60_000);
                assertEquals(204, send(url + "/connectors/tick/tasks/0/restart", "POST", null).status);
                topic.readAtLeast(topic.drain(0).size() + 200, 60_000);
                int lastId = writer.stop();
                topic.readAtLeast(lastId, 60_000);
                List<Integer> ids = topic.drain(1500).stream().map(e -> e.after().get("id").asInt()).toList();
                assertEquals(IntStream.rangeClosed(1, lastId).boxed().toList(), ids,
                        "each row once across a stop/resume and a task restart");
            }
        }
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply send(String url, String method, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), r.body().length == 0 ? JSON.nullNode() : JSON.readTree(r.body()));
    }
}
