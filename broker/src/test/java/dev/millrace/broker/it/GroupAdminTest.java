package dev.millrace.broker.it;

import static dev.millrace.broker.it.ConsumerGroupTest.PARTITIONS;
import static dev.millrace.broker.it.ConsumerGroupTest.await;
import static dev.millrace.broker.it.ConsumerGroupTest.awaitProcessed;
import static dev.millrace.broker.it.ConsumerGroupTest.createTopic;
import static dev.millrace.broker.it.ConsumerGroupTest.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer-group calls of kafka-clients' Admin, answered as Apache Kafka answers them. */
@SuppressWarnings({"deprecation", "removal"})   // listConsumerGroups: still what kafka-consumer-groups --list uses
class GroupAdminTest {
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

    private static Map<String, ConsumerGroupListing> listed(Admin admin, Set<GroupState> states) throws Exception {
        ListConsumerGroupsOptions options = new ListConsumerGroupsOptions();
        if (!states.isEmpty()) {
            options.inGroupStates(states);
        }
        Collection<ConsumerGroupListing> all = admin.listConsumerGroups(options).all().get();
        return all.stream().collect(Collectors.toMap(ConsumerGroupListing::groupId, l -> l));
    }

    @Test
    void adminSeesListsAltersAndDeletesGroupsAndOffsets() throws Exception {
        String topic = "admin-topic";
        String group = "admin-group";
        createTopic(broker, topic, PARTITIONS);
        produce(broker, topic, 60);
        Queue<GroupMember.Processed> log = GroupMember.newLog();
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        try (Admin admin = broker.admin()) {
            try (GroupMember member = new GroupMember(broker, "admin-m1", group, topic, Map.of(), log)) {
                await("member owns every partition", Duration.ofSeconds(30), () -> member.assignment().size() == PARTITIONS);
                awaitProcessed(log, 60, List.of(member));
                await("stable", Duration.ofSeconds(10), () -> {
                    try {
                        return admin.describeConsumerGroups(List.of(group)).all().get().get(group).groupState()
                                == GroupState.STABLE;
                    } catch (Exception e) {
                        return false;
                    }
                });

                ConsumerGroupListing listing = listed(admin, Set.of()).get(group);
                assertEquals(GroupState.STABLE, listing.groupState().orElseThrow());
                assertEquals(GroupType.CLASSIC, listing.type().orElseThrow());
                assertFalse(listing.isSimpleConsumerGroup());

                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                assertEquals(GroupState.STABLE, d.groupState());
                assertEquals(GroupType.CLASSIC, d.type());
                assertEquals("range", d.partitionAssignor());
                assertEquals(broker.port(), d.coordinator().port());
                assertEquals(1, d.members().size());
                MemberDescription m = d.members().iterator().next();
                assertEquals("admin-m1", m.clientId());
                assertEquals("/127.0.0.1", m.host());
                assertEquals(PARTITIONS, m.assignment().topicPartitions().size());

                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                assertEquals(PARTITIONS, committed.size());
                committed.values().forEach(o -> assertEquals(10, o.offset()));

                ExecutionException notEmpty = assertThrows(ExecutionException.class,
                        () -> admin.deleteConsumerGroups(List.of(group)).all().get());
                assertInstanceOf(GroupNotEmptyException.class, notEmpty.getCause());
                ExecutionException subscribed = assertThrows(ExecutionException.class,
                        () -> admin.deleteConsumerGroupOffsets(group, Set.of(p0)).all().get());
                assertInstanceOf(GroupSubscribedToTopicException.class, subscribed.getCause());
                // Offsets of a group with live members belong to them.
                assertThrows(ExecutionException.class,
                        () -> admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(5))).all().get());
            }

            ConsumerGroupDescription empty = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            assertEquals(GroupState.EMPTY, empty.groupState());
            assertTrue(empty.members().isEmpty());
            assertTrue(listed(admin, Set.of(GroupState.EMPTY)).containsKey(group));
            assertFalse(listed(admin, Set.of(GroupState.STABLE)).containsKey(group));

            admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(5, "rewound"))).all().get();
            Map<TopicPartition, OffsetAndMetadata> after =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            assertEquals(5, after.get(p0).offset());
            assertEquals("rewound", after.get(p0).metadata());
            assertEquals(10, after.get(p1).offset());

            admin.deleteConsumerGroupOffsets(group, Set.of(p1)).all().get();
            after = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            assertFalse(after.containsKey(p1));
            assertEquals(PARTITIONS - 1, after.size());

            admin.deleteConsumerGroups(List.of(group)).all().get();
            assertFalse(listed(admin, Set.of()).containsKey(group));
            ExecutionException gone = assertThrows(ExecutionException.class,
                    () -> admin.describeConsumerGroups(List.of(group)).all().get());
            assertInstanceOf(GroupIdNotFoundException.class, gone.getCause());
            ExecutionException deletedTwice = assertThrows(ExecutionException.class,
                    () -> admin.deleteConsumerGroups(List.of(group)).all().get());
            assertInstanceOf(GroupIdNotFoundException.class, deletedTwice.getCause());
            assertTrue(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().isEmpty());
        }
    }

    @Test
    void simpleConsumerCommitsWithoutJoining() throws Exception {
        String topic = "simple-topic";
        String group = "simple-group";
        createTopic(broker, topic, PARTITIONS);
        TopicPartition p2 = new TopicPartition(topic, 2);
        try (var consumer = broker.consumer(Map.of("group.id", group))) {
            consumer.assign(List.of(p2));
            consumer.commitSync(Map.of(p2, new OffsetAndMetadata(42, "manual")));
            assertEquals(42, consumer.committed(Set.of(p2)).get(p2).offset());
        }
        try (Admin admin = broker.admin()) {
            ConsumerGroupListing listing = listed(admin, Set.of()).get(group);
            assertTrue(listing.isSimpleConsumerGroup());
            assertEquals(GroupState.EMPTY, listing.groupState().orElseThrow());
            assertEquals("manual", admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(p2).metadata());
        }
    }

    @Test
    void theOffsetsTopicIsInternalAndCannotBeDeleted() throws Exception {
        String topic = "internal-check";
        createTopic(broker, topic, PARTITIONS);
        TopicPartition p0 = new TopicPartition(topic, 0);
        try (var consumer = broker.consumer(Map.of("group.id", "internal-check-group"))) {
            consumer.assign(List.of(p0));
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(1)));
        }
        try (Admin admin = broker.admin()) {
            assertTrue(admin.describeTopics(List.of("__consumer_offsets")).allTopicNames().get()
                    .get("__consumer_offsets").isInternal());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.deleteTopics(List.of("__consumer_offsets")).all().get());
            assertInstanceOf(org.apache.kafka.common.errors.InvalidTopicException.class, e.getCause());
            assertEquals(1, admin.listConsumerGroupOffsets("internal-check-group").partitionsToOffsetAndMetadata().get()
                    .get(p0).offset(), "the committed offset is still there");
        }
    }
}
