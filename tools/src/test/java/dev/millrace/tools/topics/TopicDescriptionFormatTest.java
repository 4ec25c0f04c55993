package dev.millrace.tools.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class TopicDescriptionFormatTest {

    private static final Node N1 = new Node(1, "127.0.0.1", 9092);
    private static final Node N2 = new Node(2, "127.0.0.1", 9093);

    @Test
    void summaryLineMatchesKafkaTopicsLayout() {
        Uuid id = Uuid.fromString("kS3w9Hq7QZ2xYc0d1e2f3g");
        TopicDescription description = new TopicDescription("orders", false, List.of(
                new TopicPartitionInfo(0, N1, List.of(N1, N2), List.of(N1, N2)),
                new TopicPartitionInfo(1, N2, List.of(N2, N1), List.of(N2))), java.util.Set.of(), id);
        Map<String, String> configs = new TreeMap<>(Map.of("retention.ms", "1000", "cleanup.policy", "compact"));
        assertEquals("Topic: orders\tTopicId: kS3w9Hq7QZ2xYc0d1e2f3g\tPartitionCount: 2\tReplicationFactor: 2"
                        + "\tConfigs: cleanup.policy=compact,retention.ms=1000",
                TopicDescriptionFormat.summary(description, configs));
        assertEquals("\tTopic: orders\tPartition: 1\tLeader: 2\tReplicas: 2,1\tIsr: 2",
                TopicDescriptionFormat.partition("orders", description.partitions().get(1)));
    }

    @Test
    void noConfigsAndNoLeader() {
        TopicDescription description = new TopicDescription("t", false, List.of(
                new TopicPartitionInfo(0, null, List.of(N1), List.of())), java.util.Set.of(), Uuid.ZERO_UUID);
        assertEquals("Topic: t\tTopicId: AAAAAAAAAAAAAAAAAAAAAA\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: ",
                TopicDescriptionFormat.summary(description, Map.of()));
        assertEquals("\tTopic: t\tPartition: 0\tLeader: none\tReplicas: 1\tIsr: ",
                TopicDescriptionFormat.partition("t", description.partitions().get(0)));
    }
}
