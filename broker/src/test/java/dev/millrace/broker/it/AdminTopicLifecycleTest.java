package dev.millrace.broker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topic administration through kafka-clients' Admin, including its error cases and persistence. */
class AdminTopicLifecycleTest {
    @TempDir
    Path dir;
    BrokerHarness broker;
    Admin admin;

    @BeforeEach
    void start() throws Exception {
        broker = new BrokerHarness(dir);
        admin = broker.admin();
    }

    @AfterEach
    void stop() {
        admin.close();
        broker.close();
    }

    @Test
    void createDescribeListAndDeleteATopic() throws Exception {
        admin.createTopics(List.of(new NewTopic("orders", 3, (short) 1)
                .configs(Map.of("retention.ms", "3600000", "cleanup.policy", "delete")))).all().get();
        assertTrue(admin.listTopics().names().get().contains("orders"));

        TopicDescription d = admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
        assertEquals(3, d.partitions().size());
        assertFalse(d.topicId().equals(Uuid.ZERO_UUID), "topics get a real id");
        d.partitions().forEach(p -> {
            assertEquals(1, p.leader().id());
            assertEquals(1, p.replicas().size());
            assertEquals(1, p.isr().size());
        });

        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "orders");
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertEquals("3600000", config.get("retention.ms").value());
        assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, config.get("retention.ms").source());
        assertEquals("1073741824", config.get("segment.bytes").value());
        assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, config.get("segment.bytes").source());

        admin.deleteTopics(List.of("orders")).all().get();
        assertFalse(admin.listTopics().names().get().contains("orders"));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> admin.describeTopics(List.of("orders")).allTopicNames().get());
        assertInstanceOf(UnknownTopicOrPartitionException.class, e.getCause());
    }

    @Test
    void creationErrorsAreKafkasErrors() throws Exception {
        admin.createTopics(List.of(new NewTopic("dup", 1, (short) 1))).all().get();
        assertCause(TopicExistsException.class, () -> admin.createTopics(List.of(new NewTopic("dup", 1, (short) 1))).all().get());
        assertCause(InvalidReplicationFactorException.class,
                () -> admin.createTopics(List.of(new NewTopic("rf3", 1, (short) 3))).all().get());
        assertCause(InvalidConfigurationException.class, () -> admin.createTopics(List.of(new NewTopic("badcfg", 1, (short) 1)
                .configs(Map.of("no.such.config", "1")))).all().get());
        assertCause(InvalidConfigurationException.class, () -> admin.createTopics(List.of(new NewTopic("badval", 1, (short) 1)
                .configs(Map.of("retention.ms", "soon")))).all().get());
        assertCause(InvalidTopicException.class, () -> admin.createTopics(List.of(new NewTopic("bad/name", 1, (short) 1))).all().get());
        assertCause(InvalidPartitionsException.class,
                () -> admin.createTopics(List.of(new NewTopic("zero", 0, (short) 1))).all().get());
    }

    @Test
    void manualReplicaAssignmentsNameThisBrokerAndNumberPartitionsFromZero() throws Exception {
        admin.createTopics(List.of(new NewTopic("assigned", Map.of(0, List.of(1), 1, List.of(1))))).all().get();
        assertEquals(2, admin.describeTopics(List.of("assigned")).allTopicNames().get().get("assigned").partitions().size());
        assertCause(InvalidReplicaAssignmentException.class,
                () -> admin.createTopics(List.of(new NewTopic("elsewhere", Map.of(0, List.of(2))))).all().get());
        assertCause(InvalidReplicaAssignmentException.class,
                () -> admin.createTopics(List.of(new NewTopic("gap", Map.of(0, List.of(1), 2, List.of(1))))).all().get());
    }

    @Test
    void validateOnlyCreatesNothing() throws Exception {
        admin.createTopics(List.of(new NewTopic("dry", 2, (short) 1)), new CreateTopicsOptions().validateOnly(true)).all().get();
        assertFalse(admin.listTopics().names().get().contains("dry"));
    }

    @Test
    void partitionsGrowAndConfigsChangeAndBothSurviveARestart() throws Exception {
        admin.createTopics(List.of(new NewTopic("grow", 1, (short) 1))).all().get();
        Uuid id = admin.describeTopics(List.of("grow")).allTopicNames().get().get("grow").topicId();
        admin.createPartitions(Map.of("grow", NewPartitions.increaseTo(4))).all().get();
        assertCause(InvalidPartitionsException.class, () -> admin.createPartitions(Map.of("grow", NewPartitions.increaseTo(2))).all().get());

        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "grow");
        admin.incrementalAlterConfigs(Map.of(resource, List.of(
                new AlterConfigOp(new ConfigEntry("max.message.bytes", "2000000"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND)))).all().get();

        admin.close();
        broker.restart();
        admin = broker.admin();

        TopicDescription d = admin.describeTopics(List.of("grow")).allTopicNames().get().get("grow");
        assertEquals(4, d.partitions().size());
        assertEquals(id, d.topicId(), "the topic id is stable across restarts");
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertEquals("2000000", config.get("max.message.bytes").value());
        assertEquals(Set.of("delete", "compact"), Set.of(config.get("cleanup.policy").value().split(",")));

        admin.incrementalAlterConfigs(Map.of(resource, List.of(
                new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)))).all().get();
        config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertEquals(ConfigEntry.ConfigSource.DEFAULT_CONFIG, config.get("max.message.bytes").source());
    }

    @Test
    void deleteRecordsAdvancesTheLogStartOffset() throws Exception {
        admin.createTopics(List.of(new NewTopic("trim", 1, (short) 1))).all().get();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("trim", ("v" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        TopicPartition tp = new TopicPartition("trim", 0);
        assertEquals(6, admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(6))).lowWatermarks().get(tp).get().lowWatermark());
        try (KafkaConsumer<byte[], byte[]> consumer = broker.consumer(Map.of())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            assertEquals(6, consumer.position(tp));
            var records = consumer.poll(Duration.ofSeconds(5));
            assertEquals("v6", new String(records.iterator().next().value(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void describeClusterNamesThisNode() throws Exception {
        DescribeClusterResult cluster = admin.describeCluster();
        assertEquals(1, cluster.nodes().get().size());
        assertEquals(1, cluster.controller().get().id());
        assertFalse(cluster.clusterId().get().isEmpty());
    }

    private static void assertCause(Class<? extends Throwable> expected, org.junit.jupiter.api.function.Executable call) {
        ExecutionException e = assertThrows(ExecutionException.class, call);
        assertInstanceOf(expected, e.getCause(), e.getCause().toString());
    }
}
