package dev.millrace.streams.state.internals;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;
import dev.millrace.streams.KeyValue;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.Stores;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash test: a separate JVM writes through a changelogged RocksDB store and is killed with -9 between
 * commits; restore from its checkpoint plus the changelog yields exactly what the broker acknowledged.
 */
class ProcessCrashRestoreTest {
    @TempDir
    Path dir;

    @Test
    void killMinus9ThenRestoreYieldsExactlyTheAcknowledgedContent() throws Exception {
        try (MillraceServer broker = MillraceServer.start(BrokerConfig.parse(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0", "log.dirs", dir.resolve("logs").toString(),
                "num.io.threads", "2", "num.network.threads", "2")))) {
            File stateRoot = dir.resolve("state").toFile();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), broker.bootstrapServers(), stateRoot.toString(), "crashapp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int lastAcked = 0;
            int lastSent = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                // kill half-way between two commits, once 20 have been made (the writer waits there)
                while (!(lastAcked >= CrashWriter.KILL_AFTER_COMMITS * CrashWriter.COMMIT_EVERY && lastSent > lastAcked) && (line = out.readLine()) != null) {
                    if (line.startsWith("acked ")) lastAcked = Integer.parseInt(line.substring(6));
                    if (line.startsWith("sent ")) lastSent = Integer.parseInt(line.substring(5));
                }
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            assertTrue(lastAcked >= CrashWriter.KILL_AFTER_COMMITS * CrashWriter.COMMIT_EVERY, "the writer committed: " + lastAcked);

            // what the broker holds is the acknowledged truth; it must be a prefix of the writer's sequence
            TopicPartition tp = new TopicPartition("crashapp-crash-changelog", 0);
            List<ConsumerRecord<String, String>> changelog = read(broker.bootstrapServers(), tp);
            assertTrue(changelog.size() >= lastSent, changelog.size() + " records, " + lastSent + " acknowledged");
            Random random = new Random(42);
            Map<String, String> expected = new TreeMap<>();
            for (int i = 0; i < changelog.size(); i++) {
                String[] op = CrashWriter.op(random, i);
                assertEquals(op[0], changelog.get(i).key(), "record " + i);
                assertEquals(op[1], changelog.get(i).value(), "record " + i);
                if (op[1] == null) expected.remove(op[0]);
                else expected.put(op[0], op[1]);
            }

            ChangelogRestoreTest.Recorder rec = new ChangelogRestoreTest.Recorder();
            try (StandaloneStateStoreContext ctx = new StandaloneStateStoreContext("crashapp", new TaskId(0, 0), stateRoot,
                    Map.of("bootstrap.servers", broker.bootstrapServers()), rec)) {
                long checkpointed = ctx.checkpointedOffset("crash");
                KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore("crash"), Serdes.String(), Serdes.String()).build();
                store.init(ctx, store);
                Map<String, String> restored = new TreeMap<>();
                try (KeyValueIterator<String, String> it = store.all()) {
                    while (it.hasNext()) {
                        KeyValue<String, String> kv = it.next();
                        restored.put(kv.key, kv.value);
                    }
                }
                assertEquals(expected, restored);
                assertEquals(checkpointed + 1, rec.start, "only the tail after the last commit is replayed");
                assertEquals(lastAcked - 1, checkpointed, "the last commit's checkpoint");
                assertEquals(changelog.size() - checkpointed - 1, rec.total);
                assertTrue(rec.total >= CrashWriter.COMMIT_EVERY / 2, "the acknowledged, uncommitted writes are replayed");
                System.out.printf("kill -9 after %d committed and %d acknowledged writes: changelog %d records, checkpoint %d, tail replayed %d%n",
                        lastAcked, lastSent, changelog.size(), checkpointed, rec.total);
                store.close();
            }
        }
    }

    private static List<ConsumerRecord<String, String>> read(String bootstrap, TopicPartition tp) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.currentTimeMillis() + 30_000;
            while (consumer.position(tp) < end && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(100)).records(tp).forEach(out::add);
            }
        }
        return out;
    }
}
