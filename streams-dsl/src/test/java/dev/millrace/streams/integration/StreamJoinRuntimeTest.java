package dev.millrace.streams.integration;

import dev.millrace.streams.KafkaStreams;
import dev.millrace.streams.StreamsBuilder;
import dev.millrace.streams.Topology;
import dev.millrace.streams.kstream.Consumed;
import dev.millrace.streams.kstream.GlobalKTable;
import dev.millrace.streams.kstream.JoinWindows;
import dev.millrace.streams.kstream.KStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.millrace.streams.integration.RuntimeTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stream-stream joins and global tables in the KafkaStreams runtime, against an in-process Millrace broker. */
class StreamJoinRuntimeTest {
    @RegisterExtension
    static final InProcessBroker BROKER = new InProcessBroker();

    @TempDir
    Path stateA;
    @TempDir
    Path stateB;

    private static Topology enrichment() {
        StreamsBuilder b = new StreamsBuilder();
        GlobalKTable<String, String> customers = b.globalTable("customers");
        KStream<String, String> orders = b.stream("orders");
        orders.join(customers, (orderId, customerId) -> customerId, (customerId, name) -> customerId + ":" + name)
                .to("enriched");
        return b.build();
    }

    private static Map<String, String> enriched() {
        Map<String, String> out = new HashMap<>();
        for (ConsumerRecord<String, String> r : readAll(BROKER.bootstrap(), "enriched", new StringDeserializer())) out.put(r.key(), r.value());
        return out;
    }

    /**
     * Two instances share a 4-partition order stream; each holds the whole 2-partition customer table, loaded before
     * its tasks start and kept up to date while running, and checkpoints the global offsets under state.dir/global.
     */
    @Test
    void globalTableEnrichesAStreamOnEveryInstance() throws Exception {
        createTopic(BROKER.bootstrap(), "customers", 2);
        createTopic(BROKER.bootstrap(), "orders", 4);
        List<String[]> customers = new ArrayList<>();
        for (int c = 0; c < 20; c++) customers.add(new String[] {"c" + c, "name-" + c});
        produce(BROKER.bootstrap(), "customers", customers);

        try (KafkaStreams a = new KafkaStreams(enrichment(), config(BROKER.bootstrap(), "enrich", stateA));
             KafkaStreams b = new KafkaStreams(enrichment(), config(BROKER.bootstrap(), "enrich", stateB))) {
            a.start();
            b.start();
            awaitState(a, KafkaStreams.State.RUNNING, 30_000);
            awaitState(b, KafkaStreams.State.RUNNING, 30_000);
            List<String[]> orders = new ArrayList<>();
            for (int o = 0; o < 200; o++) orders.add(new String[] {"o" + o, "c" + (o % 20)});
            orders.add(new String[] {"o-unknown", "c-none"}); // an inner join drops it
            produce(BROKER.bootstrap(), "orders", orders);
            waitUntil("200 enriched orders", 60_000, () -> enriched().size() >= 200);
            Map<String, String> out = enriched();
            for (int o = 0; o < 200; o++) assertEquals("c" + (o % 20) + ":name-" + (o % 20), out.get("o" + o));
            assertEquals(200, out.size());
            waitUntil("both instances running tasks", 30_000,
                    () -> a.localThreadsTasks().values().stream().mapToInt(java.util.Set::size).sum() > 0
                            && b.localThreadsTasks().values().stream().mapToInt(java.util.Set::size).sum() > 0);

            // a change of the table reaches both instances' copies while they run
            produce(BROKER.bootstrap(), "customers", List.of(new String[] {"c3", "renamed"}, new String[] {"c-late", "late-name"}));
            Thread.sleep(1500); // the global threads poll the update
            List<String[]> more = new ArrayList<>();
            for (int o = 0; o < 40; o++) more.add(new String[] {"p" + o, o % 2 == 0 ? "c3" : "c-late"});
            produce(BROKER.bootstrap(), "orders", more);
            waitUntil("40 more enriched orders", 60_000, () -> enriched().size() >= 240);
            out = enriched();
            for (int o = 0; o < 40; o++) {
                assertEquals(o % 2 == 0 ? "c3:renamed" : "c-late:late-name", out.get("p" + o), "order p" + o);
            }
        }
        for (Path state : List.of(stateA, stateB)) {
            Path checkpoint = state.resolve("enrich").resolve("global").resolve(".checkpoint");
            assertTrue(Files.exists(checkpoint), "global offsets checkpointed in " + checkpoint);
            List<String> lines = Files.readAllLines(checkpoint);
            assertEquals("0", lines.get(0));
            assertEquals("2", lines.get(1));
            long total = 0;
            for (String line : lines.subList(2, 4)) total += Long.parseLong(line.split(" ")[2]);
            assertEquals(22, total, "every customer record read by each instance: " + lines);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrap()))) {
            for (String topic : admin.listTopics().names().get()) {
                assertTrue(!topic.startsWith("enrich-") || !topic.contains("customers"), "no changelog for the global store: " + topic);
            }
        }
    }

    private static void produceAt(String topic, List<Object[]> keyValueTimestamps) {
        Map<String, Object> p = Map.of("bootstrap.servers", BROKER.bootstrap(), "key.serializer", StringSerializer.class,
                "value.serializer", StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (Object[] r : keyValueTimestamps) {
                producer.send(new ProducerRecord<>(topic, null, (Long) r[2], (String) r[0], (String) r[1]));
            }
            producer.flush();
        }
    }

    /**
     * A left join of two 2-partition streams in the runtime: pairs within the window join, a view without a click leaves
     * once stream time passes its window plus grace; the window stores' changelogs are made {@code delete}, the shared
     * outer store's compacted.
     */
    @Test
    void streamStreamJoinOverTwoPartitions() throws Exception {
        createTopic(BROKER.bootstrap(), "views", 2);
        createTopic(BROKER.bootstrap(), "clicks", 2);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> views = builder.stream("views");
        KStream<String, String> clicks = builder.stream("clicks");
        views.leftJoin(clicks, (view, click) -> view + "/" + click,
                        JoinWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .to("view-clicks");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), config(BROKER.bootstrap(), "ssjoin", stateA))) {
            streams.start();
            awaitState(streams, KafkaStreams.State.RUNNING, 30_000);
            long t = 1_000_000L;
            List<Object[]> viewRecords = new ArrayList<>();
            List<Object[]> clickRecords = new ArrayList<>();
            for (int u = 0; u < 20; u++) {
                viewRecords.add(new Object[] {"user" + u, "v" + u, t + u * 100});
                if (u % 4 != 0) clickRecords.add(new Object[] {"user" + u, "c" + u, t + u * 100 + 3_000});
            }
            produceAt("views", viewRecords);
            produceAt("clicks", clickRecords);
            waitUntil("15 joined pairs", 60_000, () -> readAll(BROKER.bootstrap(), "view-clicks", new StringDeserializer()).size() >= 15);
            // move stream time past the unjoined views' windows plus grace on both partitions; the outer scan runs
            // at most once a second of wall-clock time, so the closing records come a little later
            Thread.sleep(1_200);
            List<Object[]> late = new ArrayList<>();
            for (int u = 0; u < 20; u++) late.add(new Object[] {"user" + u, "later", t + 60_000});
            produceAt("clicks", late);
            waitUntil("5 unjoined views", 60_000,
                    () -> readAll(BROKER.bootstrap(), "view-clicks", new StringDeserializer()).size() >= 20);
        }
        Map<String, String> out = new HashMap<>();
        for (ConsumerRecord<String, String> r : readAll(BROKER.bootstrap(), "view-clicks", new StringDeserializer())) {
            out.merge(r.key(), r.value(), (x, y) -> x + "," + y);
        }
        for (int u = 0; u < 20; u++) {
            assertEquals(u % 4 != 0 ? "v" + u + "/c" + u : "v" + u + "/null", out.get("user" + u), "user" + u);
        }
        String thisChangelog = "ssjoin-KSTREAM-JOINTHIS-0000000004-store-changelog";
        String otherChangelog = "ssjoin-KSTREAM-OUTEROTHER-0000000005-store-changelog";
        String sharedChangelog = "ssjoin-KSTREAM-OUTERSHARED-0000000004-store-changelog";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", BROKER.bootstrap()))) {
            var topics = admin.describeTopics(List.of(thisChangelog, otherChangelog, sharedChangelog)).allTopicNames().get();
            for (var d : topics.values()) assertEquals(2, d.partitions().size(), d.name());
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, thisChangelog),
                    new ConfigResource(ConfigResource.Type.TOPIC, sharedChangelog))).all().get();
            assertEquals("delete", configs.get(new ConfigResource(ConfigResource.Type.TOPIC, thisChangelog))
                    .get("cleanup.policy").value());
            assertEquals("compact", configs.get(new ConfigResource(ConfigResource.Type.TOPIC, sharedChangelog))
                    .get("cleanup.policy").value());
        }
    }

    /** A global record the table's deserializer rejects stops the global thread, and the client goes to ERROR. */
    @Test
    void failingGlobalThreadShutsTheClientDown() throws Exception {
        createTopic(BROKER.bootstrap(), "poisoned-table", 1);
        createTopic(BROKER.bootstrap(), "poisoned-in", 1);
        produce(BROKER.bootstrap(), "poisoned-table", List.<String[]>of(new String[] {"a", "fine"}));
        Deserializer<String> strict = (topic, bytes) -> {
            String s = new String(bytes, StandardCharsets.UTF_8);
            if (s.equals("poison")) throw new IllegalStateException("cannot read " + s);
            return s;
        };
        StreamsBuilder b = new StreamsBuilder();
        GlobalKTable<String, String> table = b.globalTable("poisoned-table",
                Consumed.with(Serdes.String(), Serdes.serdeFrom(new StringSerializer(), strict)));
        b.<String, String>stream("poisoned-in").leftJoin(table, (k, v) -> k, (v, t) -> v + t).to("poisoned-out");
        try (KafkaStreams streams = new KafkaStreams(b.build(), config(BROKER.bootstrap(), "poisoned", stateA))) {
            streams.start();
            awaitState(streams, KafkaStreams.State.RUNNING, 30_000);
            produce(BROKER.bootstrap(), "poisoned-table", List.<String[]>of(new String[] {"b", "poison"}));
            awaitState(streams, KafkaStreams.State.ERROR, 30_000);
        }
    }
}
