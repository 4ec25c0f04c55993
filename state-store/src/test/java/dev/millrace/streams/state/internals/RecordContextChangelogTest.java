package dev.millrace.streams.state.internals;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;
import dev.millrace.streams.state.VersionedKeyValueStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Changelog records carry the processed record's timestamp when there is a record context. */
class RecordContextChangelogTest {
    @TempDir
    static Path brokerDir;
    private static MillraceServer broker;

    @TempDir
    Path stateRoot;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = MillraceServer.start(BrokerConfig.parse(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", brokerDir.resolve("logs").toString(),
                "num.io.threads", "2",
                "num.network.threads", "2")));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readChangelog(String topic) {
        TopicPartition tp = new TopicPartition(topic, 0);
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
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

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    @Test
    void changelogTimestampsFollowTheRecordContext() {
        String app = "rctx";
        long before = System.currentTimeMillis();
        try (StandaloneStateStoreContext ctx = new StandaloneStateStoreContext(app, new TaskId(0, 0), stateRoot.toFile(),
                Map.of("bootstrap.servers", broker.bootstrapServers()), null)) {
            KeyValueStore<String, String> kv = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("kv"),
                    Serdes.String(), Serdes.String()).build();
            TimestampedKeyValueStore<String, String> ts = Stores.timestampedKeyValueStoreBuilder(
                    Stores.persistentTimestampedKeyValueStore("ts"), Serdes.String(), Serdes.String()).build();
            VersionedKeyValueStore<String, String> ver = Stores.versionedKeyValueStoreBuilder(
                    Stores.persistentVersionedKeyValueStore("ver", Duration.ofDays(1)), Serdes.String(), Serdes.String()).build();
            kv.init(ctx, kv);
            ts.init(ctx, ts);
            ver.init(ctx, ver);

            kv.put("wall", "1"); // no record context: the wall clock
            ctx.setRecordContext(new ProcessorRecordContext(1234L, 17L, 0, "input", null));
            kv.put("ctx", "2");
            kv.delete("ctx-delete");
            ts.put("own", ValueAndTimestamp.make("x", 99L));     // a timestamped value keeps its own timestamp
            ts.put("none", ValueAndTimestamp.make("y", -1L));    // no timestamp of its own: the record's
            ver.put("v", "z", 555L);                              // a version's timestamp, whatever is processed
            ctx.setRecordContext(ProcessorRecordContext.ofTimestamp(4321L));
            kv.put("ctx2", "3");
            ctx.setRecordContext(null);
            kv.put("wall2", "4");
            kv.flush();
            ts.flush();
            ver.flush();
            kv.close();
            ts.close();
            ver.close();
        }
        long after = System.currentTimeMillis();
        List<ConsumerRecord<byte[], byte[]>> kvLog = readChangelog(app + "-kv-changelog");
        assertEquals(List.of("wall", "ctx", "ctx-delete", "ctx2", "wall2"), kvLog.stream().map(RecordContextChangelogTest::key).toList());
        assertTrue(kvLog.get(0).timestamp() >= before && kvLog.get(0).timestamp() <= after, "wall clock without a context");
        assertEquals(1234L, kvLog.get(1).timestamp());
        assertEquals(1234L, kvLog.get(2).timestamp(), "tombstones too");
        assertEquals(4321L, kvLog.get(3).timestamp());
        assertTrue(kvLog.get(4).timestamp() >= before && kvLog.get(4).timestamp() <= after, "wall clock once the context is cleared");

        List<ConsumerRecord<byte[], byte[]>> tsLog = readChangelog(app + "-ts-changelog");
        assertEquals(99L, tsLog.get(0).timestamp());
        assertEquals(1234L, tsLog.get(1).timestamp());
        assertEquals(555L, readChangelog(app + "-ver-changelog").get(0).timestamp());
    }
}
