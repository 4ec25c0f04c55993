package dev.millrace.connect.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.millrace.connect.testkit.Await;
import dev.millrace.connect.testkit.Rest;
import dev.millrace.connect.testkit.TestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker stopped cleanly and started again restores its connectors from the config topic and resumes the file
 * source from its stored offset: every line reaches the topic exactly once, in order.
 */
class WorkerRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    private static WorkerConfig worker() {
        // the default flush interval (60 s) is far longer than the test: offsets reach the topic on the clean stop
        return WorkerConfig.parse(Map.of("bootstrap.servers", broker.bootstrapServers(), "rest.port", "0",
                "offset.storage.topic", "restart-offsets", "config.storage.topic", "restart-configs",
                "status.storage.topic", "restart-status"));
    }

    private static void appendLines(Path file, int from, int to) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append("line-").append(i).append('\n');
        }
        Files.writeString(file, sb, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> lines() {
        List<String> out = new ArrayList<>();
        broker.readAll("restart-lines").forEach(r -> out.add(new String(r.value(), StandardCharsets.UTF_8)));
        return out;
    }

    private static List<String> expected(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("line-" + i);
        }
        return out;
    }

    @Test
    void restartedWorkerRestoresConnectorsAndResumesFromStoredOffsets() throws Exception {
        Path file = Files.createTempDirectory("worker-restart").resolve("input.txt");
        appendLines(file, 0, 500);
        try (ConnectRuntime first = ConnectRuntime.start(worker())) {
            Rest rest = new Rest(first.restUrl());
            assertEquals(201, rest.post("/connectors", Map.of("name", "lines", "config", Map.of(
                    "connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
                    "file", file.toString(), "topic", "restart-lines", "batch.size", "64",
                    "value.converter", "org.apache.kafka.connect.storage.StringConverter"))).status());
            assertEquals(201, rest.post("/connectors", Map.of("name", "parked",
                    "config", Map.of("connector.class", "ScriptedConnector"))).status());
            assertEquals(202, rest.put("/connectors/parked/pause", null).status());
            Await.until("500 lines", 20_000, () -> lines().size() >= 500, () -> "got " + lines().size());
        }

        // the clean stop stored the offset as Kafka Connect writes it: key ["lines",{"filename":...}], value {"position":N}
        JsonNode lastKey = null;
        JsonNode lastValue = null;
        for (ConsumerRecord<byte[], byte[]> r : broker.readAll("restart-offsets")) {
            JsonNode key = JSON.readTree(r.key());
            if (key.get(0).asText().equals("lines")) {
                lastKey = key;
                lastValue = JSON.readTree(r.value());
            }
        }
        assertNotNull(lastKey, "an offset record for the connector");
        assertEquals(JSON.readTree("[\"lines\",{\"filename\":" + JSON.writeValueAsString(file.toString()) + "}]"), lastKey);
        assertEquals(JSON.readTree("{\"position\":" + Files.size(file) + "}"), lastValue);
        // and, as a Connect worker leaving, it recorded UNASSIGNED for the task it ran
        JsonNode lastStatus = null;
        for (ConsumerRecord<byte[], byte[]> r : broker.readAll("restart-status")) {
            if (new String(r.key(), StandardCharsets.UTF_8).equals("status-task-lines-0")) {
                lastStatus = JSON.readTree(r.value());
            }
        }
        assertNotNull(lastStatus);
        assertEquals("UNASSIGNED", lastStatus.get("state").asText());

        appendLines(file, 500, 800);
        try (ConnectRuntime second = ConnectRuntime.start(worker())) {
            Rest rest = new Rest(second.restUrl());
            assertTrue(second.herder().connectorNames().containsAll(List.of("lines", "parked")),
                    second.herder().connectorNames().toString());
            assertEquals("PAUSED", rest.get("/connectors/parked/status").body().get("connector").get("state").asText(),
                    "the stored target state survives the restart");
            Await.until("800 lines", 20_000, () -> lines().size() >= 800, () -> "got " + lines().size());
            Thread.sleep(1500);
            assertEquals(expected(800), lines(), "no line lost or repeated across the restart");
            JsonNode offsets = rest.get("/connectors/lines/offsets").body().get("offsets");
            assertEquals(1, offsets.size(), offsets.toString());
            assertEquals(file.toString(), offsets.get(0).get("partition").get("filename").asText());
            assertTrue(offsets.get(0).get("offset").get("position").asLong() > 0);
            assertEquals(404, rest.get("/connectors/nobody/offsets").status());

            // offsets can be reset only once the connector is STOPPED; resumed, it then reads the file again
            Rest.Reply notStopped = rest.delete("/connectors/lines/offsets");
            assertEquals(400, notStopped.status());
            assertTrue(notStopped.body().get("message").asText().contains("STOPPED"));
            assertEquals(204, rest.put("/connectors/lines/stop", null).status());
            JsonNode stopped = rest.get("/connectors/lines/status").body();
            assertEquals("STOPPED", stopped.get("connector").get("state").asText());
            assertEquals(0, stopped.get("tasks").size());
            assertEquals(200, rest.delete("/connectors/lines/offsets").status());
            assertEquals(0, rest.get("/connectors/lines/offsets").body().get("offsets").size());
            assertEquals(202, rest.put("/connectors/lines/resume", null).status());
            Await.until("the file read again from its start", 20_000, () -> lines().size() >= 1600,
                    () -> "got " + lines().size());
            List<String> twice = new ArrayList<>(expected(800));
            twice.addAll(expected(800));
            assertEquals(twice, lines());
        }
    }
}
