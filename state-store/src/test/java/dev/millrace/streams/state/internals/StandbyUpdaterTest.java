package dev.millrace.streams.state.internals;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;
import dev.millrace.streams.KeyValue;
import dev.millrace.streams.processor.StateRestoreListener;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.VersionedKeyValueStore;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A standby follows an active writer through a real broker, then is promoted and restores only the tail. */
class StandbyUpdaterTest {
    private static final TaskId TASK = new TaskId(0, 1);
    private static final long RETENTION = 1_000;
    @TempDir
    static Path brokerDir;
    private static MillraceServer broker;

    @TempDir
    Path activeRoot;
    @TempDir
    Path standbyRoot;

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

    private static Map<String, Object> configs() {
        return Map.of("bootstrap.servers", broker.bootstrapServers());
    }

    private static KeyValueStore<String, String> kv() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("kv"), Serdes.String(), Serdes.String())
                .withCachingEnabled().build();
    }

    private static VersionedKeyValueStore<String, String> versioned() {
        return Stores.versionedKeyValueStoreBuilder(
                Stores.persistentVersionedKeyValueStore("ver", Duration.ofMillis(RETENTION), Duration.ofMillis(100)),
                Serdes.String(), Serdes.String()).build();
    }

    private static Map<String, String> contents(KeyValueStore<String, String> store) {
        Map<String, String> m = new TreeMap<>();
        try (KeyValueIterator<String, String> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, String> e = it.next();
                m.put(e.key, e.value);
            }
        }
        return m;
    }

    /** Every answer a user can get from the versioned store, over the keys and the retained time range. */
    private static Map<String, String> history(VersionedKeyValueStore<String, String> store, long clock) {
        Map<String, String> m = new TreeMap<>();
        for (int k = 0; k < 30; k++) {
            String key = "k" + k;
            m.put(key + " latest", String.valueOf(store.get(key)));
            for (long t = Math.max(0, clock - RETENTION); t <= clock; t += 7) m.put(key + "@" + t, String.valueOf(store.get(key, t)));
        }
        return m;
    }

    private static long writeSome(Random rnd, int n, long clock, KeyValueStore<String, String> kv, VersionedKeyValueStore<String, String> ver) {
        for (int i = 0; i < n; i++) {
            String key = "k" + rnd.nextInt(30);
            clock += rnd.nextInt(3);
            if (rnd.nextInt(6) == 0) {
                kv.delete(key);
                ver.delete(key, clock);
            } else {
                String v = "v" + rnd.nextInt(1_000_000);
                kv.put(key, v);
                ver.put(key, v, rnd.nextInt(4) == 0 ? Math.max(0, clock - rnd.nextInt(200)) : clock);
            }
        }
        return clock;
    }

    private static void catchUp(StandbyUpdater standby) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (standby.lag("kv") > 0 || standby.lag("ver") > 0) {
            assertTrue(System.currentTimeMillis() < deadline, "standby did not catch up");
            standby.poll(Duration.ofMillis(100));
        }
    }

    @Test
    void heapStoresFollowTooAndLruEvictionsOnTheStandbyAreNotLogged() {
        String app = "standbyheap";
        Random rnd = new Random(5);
        try (StandaloneStateStoreContext active = new StandaloneStateStoreContext(app, TASK, activeRoot.toFile(), configs(), null)) {
            KeyValueStore<String, String> amem = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("mem"),
                    Serdes.String(), Serdes.String()).build();
            KeyValueStore<String, String> alru = Stores.keyValueStoreBuilder(Stores.lruMap("lru", 20),
                    Serdes.String(), Serdes.String()).build();
            amem.init(active, amem);
            alru.init(active, alru);
            StandbyUpdater standby = new StandbyUpdater(app, TASK, standbyRoot.toFile(), configs());
            KeyValueStore<String, String> smem = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("mem"),
                    Serdes.String(), Serdes.String()).build();
            KeyValueStore<String, String> slru = Stores.keyValueStoreBuilder(Stores.lruMap("lru", 20),
                    Serdes.String(), Serdes.String()).build();
            smem.init(standby, smem);
            slru.init(standby, slru);
            for (int i = 0; i < 2000; i++) {
                String key = "k" + rnd.nextInt(100);
                if (rnd.nextInt(5) == 0) {
                    amem.delete(key);
                    alru.delete(key);
                } else {
                    amem.put(key, "v" + i);
                    alru.put(key, "v" + i);
                }
            }
            amem.flush();
            alru.flush();
            long deadline = System.currentTimeMillis() + 30_000;
            while (standby.lag("mem") > 0 || standby.lag("lru") > 0) {
                assertTrue(System.currentTimeMillis() < deadline, "standby did not catch up");
                standby.poll(Duration.ofMillis(100)); // applying evicts from the standby's LRU: must not be logged
            }
            assertEquals(contents(amem), contents(smem));
            assertEquals(contents(alru), contents(slru), "the LRU standby holds what the active's holds");
            assertEquals(Map.of(), standby.promote(), "heap stores are not checkpointed");
            amem.close();
            alru.close();
        }
    }

    @Test
    void standbyFollowsTheActiveAndAfterPromotionRestoresOnlyTheTail() throws Exception {
        String app = "standby";
        Random rnd = new Random(3);
        long clock = 0;
        TopicPartition kvTp = new TopicPartition(app + "-kv-changelog", TASK.partition());
        TopicPartition verTp = new TopicPartition(app + "-ver-changelog", TASK.partition());
        Map<TopicPartition, Long> handedOver;
        Map<String, String> activeKv;
        Map<String, String> activeHistory;
        try (StandaloneStateStoreContext active = new StandaloneStateStoreContext(app, TASK, activeRoot.toFile(), configs(), null)) {
            KeyValueStore<String, String> akv = kv();
            VersionedKeyValueStore<String, String> aver = versioned();
            akv.init(active, akv); // creates the changelog topics
            aver.init(active, aver);

            StandbyUpdater standby = new StandbyUpdater(app, TASK, standbyRoot.toFile(), configs());
            KeyValueStore<String, String> skv = kv();
            VersionedKeyValueStore<String, String> sver = versioned();
            skv.init(standby, skv);
            sver.init(standby, sver);
            for (int round = 0; round < 4; round++) {
                clock = writeSome(rnd, 700, clock, akv, aver);
                akv.flush(); // the active's commit: the cache reaches the changelog
                aver.flush();
                catchUp(standby);
                assertEquals(contents(akv), contents(skv), "round " + round);
                assertEquals(history(aver, clock), history(sver, clock), "round " + round);
                standby.commit();
            }
            assertTrue(standby.appliedRecords("kv") > 0 && standby.appliedRecords("ver") == 4 * 700);
            long later = clock + 1;
            assertThrows(IllegalStateException.class, () -> sver.put("k0", "y", later), "standby stores are not written");
            assertEquals(history(aver, clock), history(sver, clock), "a refused write leaves the store as it was");

            // the active goes on; the standby is promoted before it reads this tail
            clock = writeSome(rnd, 300, clock, akv, aver);
            akv.flush();
            aver.flush();
            handedOver = standby.promote();
            assertEquals(2799L, handedOver.get(verTp), "versioned changelog applied up to its last offset before the tail");
            assertTrue(Files.readAllLines(standbyRoot.resolve(app).resolve(TASK.toString()).resolve(".checkpoint"))
                    .contains(kvTp.topic() + " " + TASK.partition() + " " + handedOver.get(kvTp)));
            activeKv = contents(akv);
            activeHistory = history(aver, clock);
            akv.close();
            aver.close();
        }
        // the promoted task opens its stores where the standby kept them
        Map<String, long[]> restored = new TreeMap<>(); // store -> {start offset, end offset, total}
        StateRestoreListener listener = new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
                restored.put(store, new long[]{start, end, -1});
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long batchEnd, long n) {
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long total) {
                restored.get(store)[2] = total;
            }
        };
        try (StandaloneStateStoreContext promoted = new StandaloneStateStoreContext(app, TASK, standbyRoot.toFile(), configs(), listener)) {
            KeyValueStore<String, String> pkv = kv();
            VersionedKeyValueStore<String, String> pver = versioned();
            pkv.init(promoted, pkv);
            pver.init(promoted, pver);
            assertEquals(List.of(2800L, 3100L, 300L), List.of(restored.get("ver")[0], restored.get("ver")[1], restored.get("ver")[2]),
                    "the versioned store restored only the 300 records after the standby's checkpoint");
            long[] k = restored.get("kv");
            assertEquals(handedOver.get(kvTp) + 1, k[0], "kv restore starts after the standby's checkpoint");
            assertEquals(k[1] - k[0], k[2], "and reads only the tail");
            assertTrue(k[2] > 0, "the tail is not empty");
            assertEquals(activeHistory, history(pver, clock));
            assertEquals(activeKv, contents(pkv), "after promotion the store holds exactly the active's content");
            pkv.close();
            pver.close();
        }
        System.out.printf("standby: kv tail restored %d records, versioned tail %d%n", restored.get("kv")[2], restored.get("ver")[2]);
    }
}
