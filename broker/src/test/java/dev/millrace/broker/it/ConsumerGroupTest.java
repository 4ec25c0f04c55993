package dev.millrace.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumer groups through kafka-clients: partitions shared exactly once, moved on leave and join, offsets
 * resumed, eager and cooperative assignors, no record lost and none processed twice.
 */
class ConsumerGroupTest {
    static final int PARTITIONS = 6;
    static final int PER_ROUND = 600;

    @TempDir
    static Path dir;
    static BrokerHarness broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new BrokerHarness(dir, groupOverrides());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /** Small timeouts for tests: no initial rebalance delay, short sessions allowed, few offsets partitions. */
    static Map<String, String> groupOverrides() {
        return Map.of("group.initial.rebalance.delay.ms", "0", "group.min.session.timeout.ms", "500",
                "offsets.topic.num.partitions", "10");
    }

    static void createTopic(BrokerHarness broker, String name, int partitions) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    /** Produces {@code count} records spread evenly over the partitions. */
    static void produce(BrokerHarness broker, String topic, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, i % PARTITIONS, null, ("v" + i).getBytes()));
            }
            producer.flush();
        }
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** True when the members' assignments are disjoint, cover every partition, and none is empty if asked. */
    static boolean coversExactlyOnce(List<GroupMember> members, String topic, boolean everyoneHasSome) {
        Set<TopicPartition> seen = new HashSet<>();
        for (GroupMember m : members) {
            Set<TopicPartition> a = m.assignment();
            if (everyoneHasSome && a.isEmpty()) {
                return false;
            }
            for (TopicPartition tp : a) {
                if (!seen.add(tp)) {
                    return false;
                }
            }
        }
        for (int p = 0; p < PARTITIONS; p++) {
            if (!seen.contains(new TopicPartition(topic, p))) {
                return false;
            }
        }
        return true;
    }

    /** Every offset below {@code perPartition} processed exactly once, in every partition. */
    static void assertExactlyOnce(Queue<GroupMember.Processed> log, String topic, int perPartition) {
        Map<TopicPartition, Map<Long, Integer>> counts = new HashMap<>();
        for (GroupMember.Processed p : log) {
            counts.computeIfAbsent(p.partition(), k -> new HashMap<>()).merge(p.offset(), 1, Integer::sum);
        }
        List<String> problems = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            Map<Long, Integer> c = counts.getOrDefault(new TopicPartition(topic, p), Map.of());
            for (long o = 0; o < perPartition; o++) {
                int n = c.getOrDefault(o, 0);
                if (n != 1) {
                    problems.add(topic + "-" + p + "@" + o + " processed " + n + " times");
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems, first: "
                + problems.subList(0, Math.min(10, problems.size())));
    }

    static void awaitProcessed(Queue<GroupMember.Processed> log, int count, List<GroupMember> members)
            throws InterruptedException {
        await(count + " records processed", Duration.ofSeconds(60), () -> {
            for (GroupMember m : members) {
                if (m.failure() != null) {
                    throw new AssertionError("member " + m.name + " failed", m.failure());
                }
            }
            return log.size() >= count;
        });
    }

    @Test
    void eagerGroupSharesMovesAndResumes() throws Exception {
        runScenario("eager-topic", "eager-group", Map.of(), "range (eager)");
    }

    @Test
    void cooperativeStickyGroupSharesMovesAndResumes() throws Exception {
        runScenario("coop-topic", "coop-group", Map.of(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName()), "cooperative-sticky");
    }

    private void runScenario(String topic, String group, Map<String, Object> extra, String label) throws Exception {
        createTopic(broker, topic, PARTITIONS);
        produce(broker, topic, PER_ROUND);
        Queue<GroupMember.Processed> log = GroupMember.newLog();
        List<GroupMember> members = new ArrayList<>();
        try {
            long joinStart = System.nanoTime();
            for (int i = 1; i <= 3; i++) {
                members.add(new GroupMember(broker, label + "-c" + i, group, topic, extra, log));
            }
            await("three members share six partitions", Duration.ofSeconds(60),
                    () -> coversExactlyOnce(members, topic, true));
            long joinMs = (System.nanoTime() - joinStart) / 1_000_000;
            awaitProcessed(log, PER_ROUND, members);
            produce(broker, topic, PER_ROUND);
            awaitProcessed(log, 2 * PER_ROUND, members);

            GroupMember leaving = members.remove(2);
            long leaveStart = System.nanoTime();
            leaving.close();
            await("two members take over the leaver's partitions", Duration.ofSeconds(60),
                    () -> coversExactlyOnce(members, topic, true));
            long leaveMs = (System.nanoTime() - leaveStart) / 1_000_000;
            produce(broker, topic, PER_ROUND);
            awaitProcessed(log, 3 * PER_ROUND, members);

            long fourthStart = System.nanoTime();
            members.add(new GroupMember(broker, label + "-c4", group, topic, extra, log));
            await("a fourth member gets partitions", Duration.ofSeconds(60),
                    () -> coversExactlyOnce(members, topic, true));
            long fourthMs = (System.nanoTime() - fourthStart) / 1_000_000;
            produce(broker, topic, PER_ROUND);
            awaitProcessed(log, 4 * PER_ROUND, members);
            System.out.printf("REBALANCE %s: 3 consumers joined and got all %d partitions in %d ms; "
                    + "one left and its partitions moved in %d ms; a 4th joined and got partitions in %d ms%n",
                    label, PARTITIONS, joinMs, leaveMs, fourthMs);
        } finally {
            for (GroupMember m : members) {
                m.close();
            }
        }
        int perPartition = 4 * PER_ROUND / PARTITIONS;
        assertExactlyOnce(log, topic, perPartition);
        try (Admin admin = broker.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            for (int p = 0; p < PARTITIONS; p++) {
                assertEquals(perPartition, committed.get(new TopicPartition(topic, p)).offset());
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            admin.listOffsets(latest).all().get().forEach((tp, info) ->
                    assertEquals(info.offset(), committed.get(tp).offset()));
        }
        assertNull(members.stream().map(GroupMember::failure).filter(f -> f != null).findFirst().orElse(null));
        assertFalse(members.stream().anyMatch(GroupMember::isRunning));
    }
}
