package dev.millrace.broker.it;

import static dev.millrace.broker.it.ConsumerGroupTest.PARTITIONS;
import static dev.millrace.broker.it.ConsumerGroupTest.await;
import static dev.millrace.broker.it.ConsumerGroupTest.awaitProcessed;
import static dev.millrace.broker.it.ConsumerGroupTest.coversExactlyOnce;
import static dev.millrace.broker.it.ConsumerGroupTest.createTopic;
import static dev.millrace.broker.it.ConsumerGroupTest.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker restart under a running group: committed offsets are reloaded from __consumer_offsets. */
class GroupRestartTest {
    @TempDir
    Path dir;

    @Test
    void committedOffsetsSurviveARestartAndTheGroupCarriesOn() throws Exception {
        String topic = "restart-topic";
        String group = "restart-group";
        try (BrokerHarness broker = new BrokerHarness(dir, ConsumerGroupTest.groupOverrides())) {
            createTopic(broker, topic, PARTITIONS);
            produce(broker, topic, 600);
            Queue<GroupMember.Processed> log = GroupMember.newLog();
            Map<String, Object> session = Map.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000);
            GroupMember m1 = new GroupMember(broker, "restart-m1", group, topic, session, log);
            GroupMember m2 = new GroupMember(broker, "restart-m2", group, topic, session, log);
            try {
                await("two members share the partitions", Duration.ofSeconds(30),
                        () -> coversExactlyOnce(List.of(m1, m2), topic, true));
                awaitProcessed(log, 600, List.of(m1, m2));
                awaitCommitted(broker, group, topic, 100);

                broker.restart();
                try (Admin admin = broker.admin()) {
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                    for (int p = 0; p < PARTITIONS; p++) {
                        assertEquals(100, committed.get(new TopicPartition(topic, p)).offset(), "partition " + p);
                    }
                }
                produce(broker, topic, 600);
                awaitProcessed(log, 1200, List.of(m1, m2));
                awaitCommitted(broker, group, topic, 200);
                ConsumerGroupTest.assertExactlyOnce(log, topic, 200);
                try (Admin admin = broker.admin()) {
                    await("the group is stable with both members", Duration.ofSeconds(30), () -> {
                        try {
                            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                            return d.groupState() == GroupState.STABLE && d.members().size() == 2;
                        } catch (Exception e) {
                            return false;
                        }
                    });
                }
            } finally {
                m1.close();
                m2.close();
            }
        }
    }

    private static void awaitCommitted(BrokerHarness broker, String group, String topic, long offset) throws Exception {
        try (Admin admin = broker.admin()) {
            await("offsets committed up to " + offset, Duration.ofSeconds(30), () -> {
                try {
                    Map<TopicPartition, OffsetAndMetadata> c =
                            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                    for (int p = 0; p < PARTITIONS; p++) {
                        OffsetAndMetadata o = c.get(new TopicPartition(topic, p));
                        if (o == null || o.offset() != offset) {
                            return false;
                        }
                    }
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }
}
