package dev.millrace.tools.topics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The text of {@code topics --describe}, in the layout kafka-topics prints so that people and scripts
 * used to it read ours the same way: one summary line per topic, then one tab-indented line per partition.
 */
public final class TopicDescriptionFormat {

    private TopicDescriptionFormat() {
    }

    /**
     * The summary line. {@code configs} holds only the keys set on the topic itself, as kafka-topics shows;
     * they are sorted by name so the output is stable.
     */
    public static String summary(TopicDescription topic, Map<String, String> configs) {
        List<TopicPartitionInfo> partitions = topic.partitions();
        int replicationFactor = partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
        String configText = new TreeMap<>(configs).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        return "Topic: " + topic.name()
                + "\tTopicId: " + topic.topicId()
                + "\tPartitionCount: " + partitions.size()
                + "\tReplicationFactor: " + replicationFactor
                + "\tConfigs: " + configText;
    }

    public static String partition(String topic, TopicPartitionInfo partition) {
        return "\tTopic: " + topic
                + "\tPartition: " + partition.partition()
                + "\tLeader: " + leader(partition.leader())
                + "\tReplicas: " + ids(partition.replicas())
                + "\tIsr: " + ids(partition.isr());
    }

    private static String leader(Node leader) {
        return leader == null || leader.isEmpty() ? "none" : Integer.toString(leader.id());
    }

    private static String ids(List<Node> nodes) {
        return nodes.stream().map(n -> Integer.toString(n.id())).collect(Collectors.joining(","));
    }
}
