package dev.millrace.connect.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.millrace.connect.testkit.Await;
import dev.millrace.connect.testkit.Rest;
import dev.millrace.connect.testkit.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST API over real HTTP against a worker writing to a real in-process broker. */
class RestApiTest {
    private static TestBroker broker;
    private static ConnectRuntime runtime;
    private static Rest rest;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start();
        dir = Files.createTempDirectory("rest-api-test");
        runtime = ConnectRuntime.start(WorkerConfig.parse(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "rest.port", "0",
                "offset.storage.topic", "rest-offsets",
                "config.storage.topic", "rest-configs",
                "status.storage.topic", "rest-status",
                "offset.flush.interval.ms", "200")));
        rest = new Rest(runtime.restUrl());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) runtime.close();
        if (broker != null) broker.close();
    }

    private static Map<String, Object> fileSource(String name, Path file, String topic) {
        return Map.of("name", name, "config", Map.of(
                "connector.class", "FileStreamSource", "file", file.toString(), "topic", topic,
                "value.converter", "org.apache.kafka.connect.storage.StringConverter"));
    }

    private static String state(String name) {
        return rest.get("/connectors/" + name + "/status").body().path("connector").path("state").asText();
    }

    private static String taskState(String name) {
        return rest.get("/connectors/" + name + "/status").body().path("tasks").path(0).path("state").asText();
    }

    private static List<String> values(String topic) {
        List<String> out = new ArrayList<>();
        broker.readAll(topic).forEach(r -> out.add(new String(r.value(), StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void rootAndPluginsDescribeTheWorker() {
        Rest.Reply root = rest.get("/");
        assertEquals(200, root.status());
        assertEquals(ConnectRuntime.VERSION, root.body().get("version").asText());
        assertTrue(root.body().hasNonNull("kafka_cluster_id"));
        Rest.Reply plugins = rest.get("/connector-plugins");
        assertEquals(200, plugins.status());
        List<String> classes = new ArrayList<>();
        plugins.body().forEach(p -> classes.add(p.get("class").asText()));
        assertTrue(classes.contains("dev.millrace.connect.file.FileStreamSourceConnector"), classes.toString());
        assertEquals("source", plugins.body().get(0).get("type").asText());
    }

    @Test
    void connectorLifecycleFromCreateToDelete() throws Exception {
        Path file = dir.resolve("lifecycle.txt");
        Files.writeString(file, "one\ntwo\n");
        Rest.Reply created = rest.post("/connectors", fileSource("life", file, "life-topic"));
        assertEquals(201, created.status(), String.valueOf(created.body()));
        assertEquals("life", created.body().get("name").asText());
        assertEquals("source", created.body().get("type").asText());
        assertEquals("life", created.body().get("tasks").get(0).get("connector").asText());
        assertEquals(0, created.body().get("tasks").get(0).get("task").asInt());

        Rest.Reply again = rest.post("/connectors", fileSource("life", file, "life-topic"));
        assertEquals(409, again.status());
        assertEquals(409, again.body().get("error_code").asInt());
        assertEquals("Connector life already exists", again.body().get("message").asText());

        assertTrue(rest.get("/connectors").body().toString().contains("\"life\""));
        Await.until("the file's lines in the topic", 15_000, () -> values("life-topic").equals(List.of("one", "two")),
                () -> values("life-topic").toString());
        JsonNode status = rest.get("/connectors/life/status").body();
        JsonNode expanded = rest.get("/connectors?expand=status&expand=info").body().get("life");
        assertEquals("RUNNING", expanded.get("status").get("connector").get("state").asText());
        assertEquals("life-topic", expanded.get("info").get("config").get("topic").asText());
        assertEquals("RUNNING", rest.get("/connectors/life/tasks/0/status").body().get("state").asText());
        assertEquals(404, rest.get("/connectors/life/tasks/7/status").status());
        assertEquals("RUNNING", status.get("connector").get("state").asText());
        assertEquals("RUNNING", status.get("tasks").get(0).get("state").asText());
        assertEquals(runtime.herder().workerId(), status.get("tasks").get(0).get("worker_id").asText());

        assertEquals(202, rest.put("/connectors/life/pause", null).status());
        assertEquals("PAUSED", state("life"));
        assertEquals("PAUSED", taskState("life"));
        Files.writeString(file, "three\n", java.nio.file.StandardOpenOption.APPEND);
        Thread.sleep(1500);
        assertEquals(List.of("one", "two"), values("life-topic"), "a paused task does not poll");
        assertEquals(202, rest.put("/connectors/life/resume", null).status());
        assertEquals("RUNNING", state("life"));
        Await.until("the line written while paused", 15_000,
                () -> values("life-topic").equals(List.of("one", "two", "three")), () -> values("life-topic").toString());

        Rest.Reply tasks = rest.get("/connectors/life/tasks");
        assertEquals(200, tasks.status());
        assertEquals("life-topic", tasks.body().get(0).get("config").get("topic").asText());

        Map<String, String> updated = Map.of("connector.class", "FileStreamSource", "file", file.toString(),
                "topic", "life-topic-2", "value.converter", "org.apache.kafka.connect.storage.StringConverter");
        Rest.Reply put = rest.put("/connectors/life/config", updated);
        assertEquals(200, put.status(), String.valueOf(put.body()));
        assertEquals("life-topic-2", rest.get("/connectors/life/config").body().get("topic").asText());
        assertEquals("life", rest.get("/connectors/life/config").body().get("name").asText());
        Files.writeString(file, "four\n", java.nio.file.StandardOpenOption.APPEND);
        Await.until("the new line in the reconfigured topic", 15_000,
                () -> values("life-topic-2").equals(List.of("four")), () -> values("life-topic-2").toString());

        Rest.Reply restart = rest.post("/connectors/life/restart", null);
        assertEquals(204, restart.status());
        Rest.Reply restartAll = rest.post("/connectors/life/restart?includeTasks=true", null);
        assertEquals(202, restartAll.status());
        assertEquals("life", restartAll.body().get("name").asText());
        Await.until("running after restart", 10_000, () -> "RUNNING".equals(taskState("life")));

        assertEquals(204, rest.delete("/connectors/life").status());
        Rest.Reply gone = rest.get("/connectors/life");
        assertEquals(404, gone.status());
        assertEquals(404, gone.body().get("error_code").asInt());
        assertEquals("Connector life not found", gone.body().get("message").asText());
        assertEquals(404, rest.get("/connectors/life/status").status());
        assertEquals(404, rest.delete("/connectors/life").status());
        assertTrue(!rest.get("/connectors").body().toString().contains("\"life\""));
    }

    @Test
    void connectorConfigCreatesItsTopicAndOverridesTheConverter() throws Exception {
        Path file = dir.resolve("created.txt");
        Files.writeString(file, "plain\n");
        Map<String, Object> config = new java.util.HashMap<>();
        config.put("connector.class", "FileStreamSource");
        config.put("file", file.toString());
        config.put("topic", "created-topic");
        config.put("topic.creation.default.partitions", "3");
        config.put("topic.creation.default.replication.factor", "-1");
        config.put("topic.creation.default.retention.ms", "3600000");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        assertEquals(201, rest.post("/connectors", Map.of("name", "creator", "config", config)).status());
        Await.until("the line", 15_000, () -> values("created-topic").equals(List.of("\"plain\"")),
                () -> values("created-topic").toString());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            assertEquals(3, admin.describeTopics(List.of("created-topic")).allTopicNames().get()
                    .get("created-topic").partitions().size(), "topic.creation.default.partitions");
            org.apache.kafka.common.config.ConfigResource resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "created-topic");
            assertEquals("3600000", admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("retention.ms").value(), "other topic.creation.default.* keys become topic configs");
        }
        assertEquals(204, rest.delete("/connectors/creator").status());
    }

    @Test
    void putConfigCreatesAnAbsentConnector() {
        Rest.Reply put = rest.put("/connectors/by-put/config", Map.of("connector.class", "ScriptedConnector"));
        assertEquals(201, put.status(), String.valueOf(put.body()));
        assertEquals("by-put", put.body().get("name").asText());
        assertEquals(204, rest.delete("/connectors/by-put").status());
    }

    @Test
    void badConfigsAreRejectedWith400NamingTheKey() {
        Rest.Reply noClass = rest.post("/connectors", Map.of("name", "bad1", "config", Map.of("topic", "t")));
        assertEquals(400, noClass.status());
        assertEquals(400, noClass.body().get("error_code").asInt());
        assertTrue(noClass.body().get("message").asText().contains("connector.class"), noClass.body().toString());

        Rest.Reply unknown = rest.post("/connectors", Map.of("name", "bad2",
                "config", Map.of("connector.class", "com.example.NoSuchConnector")));
        assertEquals(400, unknown.status());
        assertTrue(unknown.body().get("message").asText().contains("connector.class"), unknown.body().toString());
        assertTrue(unknown.body().get("message").asText().contains("com.example.NoSuchConnector"));

        Rest.Reply missingTopic = rest.post("/connectors", Map.of("name", "bad3",
                "config", Map.of("connector.class", "FileStreamSource")));
        assertEquals(400, missingTopic.status());
        assertTrue(missingTopic.body().get("message").asText().contains("\"topic\""), missingTopic.body().toString());

        Rest.Reply badTasks = rest.put("/connectors/bad4/config", Map.of("connector.class", "ScriptedConnector",
                "tasks.max", "zero"));
        assertEquals(400, badTasks.status());
        assertTrue(badTasks.body().get("message").asText().contains("tasks.max"));

        Rest.Reply rejected = rest.post("/connectors", Map.of("name", "bad5",
                "config", Map.of("connector.class", "ScriptedConnector", "reject", "true")));
        assertEquals(400, rejected.status());
        assertTrue(rejected.body().get("message").asText().contains("configuration reject"), rejected.body().toString());
        Rest.Reply exploded = rest.post("/connectors", Map.of("name", "bad6",
                "config", Map.of("connector.class", "ScriptedConnector", "explode", "true")));
        assertEquals(400, exploded.status(), "a validate() that throws is still a 400 saying why");
        assertTrue(exploded.body().get("message").asText().contains("example.invalid"), exploded.body().toString());

        Rest.Reply notJson = rest.post("/connectors", "{not json");
        assertEquals(400, notJson.status());
        assertEquals(400, notJson.body().get("error_code").asInt());

        assertEquals(404, rest.get("/connectors/bad1").status(), "nothing is stored for a rejected config");
        assertEquals(404, rest.get("/no/such/path").status());
        assertEquals(405, rest.send("PATCH", "/connectors", "{}").status());
    }

    @Test
    void statusShowsTheTaskProgress() {
        assertEquals(201, rest.post("/connectors", Map.of("name", "progress",
                "config", Map.of("connector.class", "ScriptedConnector", "mode", "progress"))).status());
        Await.until("progress in the status", 10_000,
                () -> rest.get("/connectors/progress/status").body().path("tasks").path(0).has("progress"));
        JsonNode progress = rest.get("/connectors/progress/status").body().get("tasks").get(0).get("progress");
        assertEquals("public.orders", progress.get("table").asText());
        assertTrue(progress.get("rows").asInt() >= 1);
        assertNull(rest.get("/connectors/progress/status").body().get("tasks").get(0).get("trace"));
        assertEquals(204, rest.delete("/connectors/progress").status());
    }
}
