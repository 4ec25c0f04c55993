package dev.millrace.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/millrace groups} against the running distribution: a kafka-clients consumer group commits part of
 * a topic and closes; the tool then lists the group, describes its committed offsets, log end offsets and lag,
 * resets the offsets to the earliest, and deletes the group, and kafka-clients' Admin sees each change.
 */
class GroupsToolTest {
    static final String TOPIC = "orders";
    static final String GROUP = "billing";
    static final int PARTITIONS = 3;
    static final int PER_PARTITION = 100;
    static final int COMMITTED = 40;

    @Test
    void listDescribeResetAndDeleteAGroup(@TempDir Path dir) throws Exception {
        try (MillraceProcess broker = new MillraceProcess(dir.resolve("data"), List.of()).start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
            String bootstrap = broker.bootstrap();
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            produce(bootstrap);
            consumeAndCommitPart(bootstrap);

            // --list: one group id a line, as kafka-consumer-groups prints it
            Run list = groups(bootstrap, "--list");
            assertEquals(0, list.exit, list.toString());
            assertTrue(list.out.lines().anyMatch(GROUP::equals), "--list does not show " + GROUP + ": " + list);

            // --describe: a row per partition with the committed offset, the log end offset and the lag
            Run describe = groups(bootstrap, "--describe", "--group", GROUP);
            assertEquals(0, describe.exit, describe.toString());
            assertTrue(describe.err.contains("Consumer group '" + GROUP + "' has no active members."), describe.toString());
            Map<Integer, String[]> rows = offsetRows(describe);
            assertEquals(PARTITIONS, rows.size(), describe.toString());
            for (String[] row : rows.values()) {
                assertEquals(String.valueOf(COMMITTED), row[3], "CURRENT-OFFSET of " + String.join(" ", row));
                assertEquals(String.valueOf(PER_PARTITION), row[4], "LOG-END-OFFSET of " + String.join(" ", row));
                assertEquals(String.valueOf(PER_PARTITION - COMMITTED), row[5], "LAG of " + String.join(" ", row));
                assertEquals("-", row[6], "CONSUMER-ID of an empty group: " + String.join(" ", row));
            }

            // --reset-offsets --to-earliest --execute: prints the new offsets and commits them
            Run reset = groups(bootstrap, "--reset-offsets", "--group", GROUP, "--topic", TOPIC, "--to-earliest", "--execute");
            assertEquals(0, reset.exit, reset.toString());
            List<String[]> plan = reset.out.lines().map(String::trim).filter(l -> l.startsWith(GROUP + " "))
                    .map(l -> l.split("\\s+")).toList();
            assertEquals(PARTITIONS, plan.size(), reset.toString());
            for (String[] row : plan) {
                assertEquals(TOPIC, row[1], reset.toString());
                assertEquals("0", row[3], "NEW-OFFSET: " + reset);
            }
            Map<TopicPartition, OffsetAndMetadata> afterReset =
                    admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            for (int p = 0; p < PARTITIONS; p++) {
                OffsetAndMetadata o = afterReset.get(new TopicPartition(TOPIC, p));
                assertTrue(o != null && o.offset() == 0, "Admin sees " + afterReset + " after the reset");
            }
            Run described = groups(bootstrap, "--describe", "--group", GROUP);
            assertEquals(0, described.exit, described.toString());
            Map<Integer, String[]> resetRows = offsetRows(described);
            assertEquals(PARTITIONS, resetRows.size(), described.toString());
            for (String[] row : resetRows.values()) {
                assertEquals("0", row[3], "CURRENT-OFFSET after the reset: " + String.join(" ", row));
                assertEquals(String.valueOf(PER_PARTITION), row[4], "LOG-END-OFFSET after the reset: " + String.join(" ", row));
                assertEquals(String.valueOf(PER_PARTITION), row[5], "LAG after the reset: " + String.join(" ", row));
            }

            // --delete: Kafka's message, then the group is gone for the tool and for Admin
            Run delete = groups(bootstrap, "--delete", "--group", GROUP);
            assertEquals(0, delete.exit, delete.toString());
            assertTrue(delete.out.contains("Deletion of requested consumer groups ('" + GROUP + "') was successful."),
                    delete.toString());
            Run listAfter = groups(bootstrap, "--list");
            assertEquals(0, listAfter.exit, listAfter.toString());
            assertFalse(listAfter.out.lines().anyMatch(GROUP::equals), "--list still shows " + GROUP + ": " + listAfter);
            assertFalse(admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .anyMatch(GROUP::equals), "Admin still lists " + GROUP + " after --delete");
            Run describeDeleted = groups(bootstrap, "--describe", "--group", GROUP);
            assertEquals(1, describeDeleted.exit, "describing a deleted group must fail: " + describeDeleted);
        }
    }

    /** PER_PARTITION records to each partition, keys k-P-I. */
    private static void produce(String bootstrap) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int p = 0; p < PARTITIONS; p++) {
                for (int i = 0; i < PER_PARTITION; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, p, "k-" + p + "-" + i, "v-" + i));
                }
            }
            producer.flush();
        }
    }

    /** A group member reads every record, commits offset COMMITTED on each partition, and closes. */
    private static void consumeAndCommitPart(String bootstrap) {
        Map<String, Object> config = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            Map<Integer, Integer> read = new TreeMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read.values().stream().mapToInt(Integer::intValue).sum() < PARTITIONS * PER_PARTITION) {
                if (System.nanoTime() > deadline) {
                    fail("the group consumer read only " + read + " records per partition in 60 s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    read.merge(r.partition(), 1, Integer::sum);
                }
            }
            assertEquals(Map.of(0, PER_PARTITION, 1, PER_PARTITION, 2, PER_PARTITION), read);
            Map<TopicPartition, OffsetAndMetadata> part = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                part.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(COMMITTED));
            }
            consumer.commitSync(part);
        }
    }

    /** The rows of the describe table for TOPIC, by partition: GROUP TOPIC PARTITION CURRENT LOG-END LAG ... */
    private static Map<Integer, String[]> offsetRows(Run describe) {
        List<String> lines = describe.out.lines().toList();
        assertTrue(lines.stream().anyMatch(l -> Arrays.equals(l.trim().split("\\s+"), new String[] {"GROUP", "TOPIC",
                "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"})),
                "no offsets table header: " + describe);
        Map<Integer, String[]> rows = new TreeMap<>();
        for (String line : lines) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 9 && cols[0].equals(GROUP) && cols[1].equals(TOPIC)) {
                assertTrue(rows.put(Integer.parseInt(cols[2]), cols) == null, "partition twice: " + describe);
            }
        }
        return rows;
    }

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private static Run groups(String bootstrap, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(MillraceProcess.HOME.resolve("bin/millrace").toString(), "groups",
                "--bootstrap-server", bootstrap));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("millrace-groups", ".out");
        Path err = Files.createTempFile("millrace-groups", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("bin/millrace groups did not finish in 120 s: " + command);
        }
        Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
