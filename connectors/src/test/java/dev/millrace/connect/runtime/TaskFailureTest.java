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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A task that throws shows FAILED with its message as the first line of the trace, in REST and the status topic. */
class TaskFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestBroker broker;
    private static ConnectRuntime runtime;
    private static Rest rest;

    @BeforeAll
    static void start() throws Exception {
        broker = TestBroker.start();
        runtime = ConnectRuntime.start(WorkerConfig.parse(Map.of(
                "bootstrap.servers", broker.bootstrapServers(), "rest.port", "0",
                "offset.storage.topic", "fail-offsets", "config.storage.topic", "fail-configs",
                "status.storage.topic", "fail-status")));
        rest = new Rest(runtime.restUrl());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) runtime.close();
        if (broker != null) broker.close();
    }

    private static JsonNode task0(String name) {
        return rest.get("/connectors/" + name + "/status").body().path("tasks").path(0);
    }

    @Test
    void exceptionFromPollFailsTheTaskWithItsMessage() throws Exception {
        String message = "Table public.missing does not exist: add it or fix table.include.list";
        assertEquals(201, rest.post("/connectors", Map.of("name", "poll-fails", "config",
                Map.of("connector.class", "ScriptedConnector", "mode", "fail-poll", "message", message))).status());
        Await.until("FAILED task", 10_000, () -> "FAILED".equals(task0("poll-fails").path("state").asText()),
                () -> task0("poll-fails").toString());
        String trace = task0("poll-fails").get("trace").asText();
        assertEquals(message, trace.lines().findFirst().orElseThrow());
        assertTrue(trace.contains("ScriptedConnector$ScriptedTask.poll"), "the stack trace follows the message");
        assertEquals("RUNNING", rest.get("/connectors/poll-fails/status").body().get("connector").get("state").asText(),
                "a failed task does not fail its connector");

        Await.until("FAILED in the status topic", 10_000, () -> lastStatus("status-task-poll-fails-0") != null
                && "FAILED".equals(lastStatus("status-task-poll-fails-0").path("state").asText()));
        JsonNode stored = lastStatus("status-task-poll-fails-0");
        assertEquals(message, stored.get("trace").asText().lines().findFirst().orElseThrow());
        assertEquals(runtime.herder().workerId(), stored.get("worker_id").asText());

        // fixing the config restarts the task, which then runs
        Map<String, String> fixed = Map.of("connector.class", "ScriptedConnector", "mode", "idle");
        assertEquals(200, rest.put("/connectors/poll-fails/config", fixed).status());
        Await.until("RUNNING after the fix", 10_000, () -> "RUNNING".equals(task0("poll-fails").path("state").asText()));
        assertTrue(task0("poll-fails").path("trace").isMissingNode());
    }

    @Test
    void exceptionFromStartFailsTheTaskAndOnlyFailedRestartRetriesIt() {
        String message = "Set database.password: authentication failed for user \"app\"";
        assertEquals(201, rest.post("/connectors", Map.of("name", "start-fails", "config",
                Map.of("connector.class", "ScriptedConnector", "mode", "fail-start", "message", message,
                        "tasks.max", "2"))).status());
        Await.until("both tasks FAILED", 10_000, () -> {
            JsonNode tasks = rest.get("/connectors/start-fails/status").body().get("tasks");
            return tasks.size() == 2 && "FAILED".equals(tasks.get(0).path("state").asText())
                    && "FAILED".equals(tasks.get(1).path("state").asText());
        });
        assertEquals(message, task0("start-fails").get("trace").asText().lines().findFirst().orElseThrow());
        Rest.Reply restart = rest.post("/connectors/start-fails/restart?includeTasks=true&onlyFailed=true", null);
        assertEquals(202, restart.status());
        assertEquals(2, restart.body().get("tasks").size());
        // the restart really ran the task again: a second FAILED status record for it, and FAILED again
        Await.until("a second failure of task 0", 10_000, () -> failedRecords("status-task-start-fails-0") >= 2,
                () -> "failures stored: " + failedRecords("status-task-start-fails-0"));
        Await.until("FAILED again: the cause is still there", 10_000,
                () -> "FAILED".equals(task0("start-fails").path("state").asText()));
    }

    private static long failedRecords(String key) {
        return broker.readAll("fail-status").stream()
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key) && r.value() != null)
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"FAILED\""))
                .count();
    }

    private static JsonNode lastStatus(String key) {
        JsonNode last = null;
        for (ConsumerRecord<byte[], byte[]> r : broker.readAll("fail-status")) {
            if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(key) && r.value() != null) {
                try {
                    last = JSON.readTree(r.value());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        return last;
    }
}
