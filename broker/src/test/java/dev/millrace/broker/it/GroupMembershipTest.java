package dev.millrace.broker.it;

import static dev.millrace.broker.it.ConsumerGroupTest.PARTITIONS;
import static dev.millrace.broker.it.ConsumerGroupTest.await;
import static dev.millrace.broker.it.ConsumerGroupTest.awaitProcessed;
import static dev.millrace.broker.it.ConsumerGroupTest.coversExactlyOnce;
import static dev.millrace.broker.it.ConsumerGroupTest.createTopic;
import static dev.millrace.broker.it.ConsumerGroupTest.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static membership (restart without rebalance, fencing) and session expiry of a silent member. */
class GroupMembershipTest {
    @TempDir
    static Path dir;
    static BrokerHarness broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new BrokerHarness(dir, ConsumerGroupTest.groupOverrides());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static Map<String, Object> staticMember(String instance) {
        return Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    }

    @Test
    void staticMemberRestartKeepsItsAssignmentAndADuplicateIsFenced() throws Exception {
        String topic = "static-topic";
        String group = "static-group";
        createTopic(broker, topic, PARTITIONS);
        Queue<GroupMember.Processed> log = GroupMember.newLog();
        GroupMember a = new GroupMember(broker, "static-a", group, topic, staticMember("a"), log);
        GroupMember b = new GroupMember(broker, "static-b", group, topic, staticMember("b"), log);
        GroupMember a2 = null;
        GroupMember b2 = null;
        try {
            await("a and b share the partitions", Duration.ofSeconds(30), () -> coversExactlyOnce(List.of(a, b), topic, true));
            // Let both settle on the final generation before taking the snapshot.
            await("same generation", Duration.ofSeconds(10), () -> a.generation() == b.generation() && a.generation() > 0);
            Set<TopicPartition> aAssigned = a.assignment();
            Set<TopicPartition> bAssigned = b.assignment();
            int generation = b.generation();
            int bCallbacks = b.rebalanceCallbacks.get();

            a.closeWithoutLeaving();
            long restart = System.nanoTime();
            a2 = new GroupMember(broker, "static-a-restarted", group, topic, staticMember("a"), log);
            GroupMember restarted = a2;
            await("the restarted instance gets its partitions", Duration.ofSeconds(30), () -> !restarted.assignment().isEmpty());
            System.out.printf("REBALANCE static: restarted instance got its partitions back in %d ms, no rebalance%n",
                    (System.nanoTime() - restart) / 1_000_000);
            assertEquals(aAssigned, a2.assignment());
            assertEquals(generation, a2.generation(), "no new generation: no rebalance");
            Thread.sleep(1000);    // a rebalance, had one started, would reach b within a few heartbeats
            assertEquals(bAssigned, b.assignment());
            assertEquals(bCallbacks, b.rebalanceCallbacks.get(), "b saw no rebalance");
            assertEquals(generation, b.generation());

            b2 = new GroupMember(broker, "static-b-duplicate", group, topic, staticMember("b"), log);
            await("the older b is fenced", Duration.ofSeconds(30), () -> b.failure() != null);
            assertInstanceOf(FencedInstanceIdException.class, b.failure());
            GroupMember duplicate = b2;
            await("the newer b owns b's partitions", Duration.ofSeconds(30), () -> bAssigned.equals(duplicate.assignment()));
            assertEquals(generation, b2.generation());
            assertTrue(a2.failure() == null && b2.failure() == null);
        } finally {
            a.close();
            b.close();
            if (a2 != null) {
                a2.close();
            }
            if (b2 != null) {
                b2.close();
            }
        }
    }

    @Test
    void silentMemberIsExpelledAfterItsSessionTimeout() throws Exception {
        String topic = "expel-topic";
        String group = "expel-group";
        createTopic(broker, topic, PARTITIONS);
        Queue<GroupMember.Processed> log = GroupMember.newLog();
        Map<String, Object> shortSession = Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 1500);
        GroupMember survivor = new GroupMember(broker, "expel-survivor", group, topic, shortSession, log);
        GroupMember silent = new GroupMember(broker, "expel-silent", group, topic, shortSession, log);
        try {
            await("two members share the partitions", Duration.ofSeconds(30),
                    () -> coversExactlyOnce(List.of(survivor, silent), topic, true));
            produce(broker, topic, 60);
            awaitProcessed(log, 60, List.of(survivor, silent));
            // Closing without LeaveGroup: the coordinator only learns of it from the missing heartbeats.
            silent.closeWithoutLeaving();
            long stopped = System.nanoTime();
            await("the survivor owns every partition", Duration.ofSeconds(30),
                    () -> survivor.assignment().size() == PARTITIONS);
            long movedMs = (System.nanoTime() - stopped) / 1_000_000;
            System.out.printf("REBALANCE expiry: silent member (session.timeout.ms=1500) expelled and its partitions "
                    + "moved after %d ms%n", movedMs);
            assertTrue(movedMs >= 1000, "moved after " + movedMs + " ms: before the session timeout");
            produce(broker, topic, 60);
            awaitProcessed(log, 120, List.of(survivor));
            ConsumerGroupTest.assertExactlyOnce(log, topic, 20);
            try (Admin admin = broker.admin()) {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                assertEquals(GroupState.STABLE, d.groupState());
                assertEquals(1, d.members().size());
            }
        } finally {
            survivor.close();
            silent.close();
        }
    }
}
