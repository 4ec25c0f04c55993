package dev.millrace.tools.groups;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * The tables of {@code groups}, laid out as kafka-consumer-groups lays them out (same headers, same column
 * widths, same blank line before a table, {@code -} for a missing value), so that people and scripts used to
 * Kafka's tool read ours the same way. Every method returns the complete text, ending in a line separator.
 */
public final class GroupTables {

    /** What a column shows when there is no value, as in Kafka's tool. */
    public static final String MISSING = "-";

    private GroupTables() {
    }

    /** One line of {@code --describe} (the offsets view): a partition, its committed offset and its owner. */
    public record PartitionRow(String group, String topic, Integer partition, Integer leaderEpoch,
                               Long currentOffset, Long logEndOffset,
                               String consumerId, String host, String clientId) {

        /** Log end offset minus committed offset; null when either is unknown. */
        public Long lag() {
            if (currentOffset == null || currentOffset < 0 || logEndOffset == null) {
                return null;
            }
            return logEndOffset - currentOffset;
        }
    }

    /** One line of {@code --describe --members}. */
    public record MemberRow(String group, String consumerId, String groupInstanceId, String host, String clientId,
                            List<TopicPartition> assignment, Integer currentEpoch,
                            List<TopicPartition> targetAssignment, Integer targetEpoch) {
    }

    /** The one line of {@code --describe --state}. */
    public record StateRow(String group, String coordinator, String assignmentStrategy, String state,
                           int members, Integer groupEpoch, Integer targetAssignmentEpoch) {
    }

    /** {@code --describe [--offsets] [--verbose]}: GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ... */
    public static String offsets(List<PartitionRow> rows, boolean verbose) {
        int group = width(15, rows.stream().map(PartitionRow::group));
        int topic = width(15, rows.stream().map(r -> text(r.topic())));
        int consumer = width(15, rows.stream().map(r -> text(r.consumerId())));
        int host = width(15, rows.stream().map(r -> text(r.host())));
        String format = verbose
                ? "%-" + group + "s %-" + topic + "s %-10s %-15s %-15s %-15s %-15s %-" + consumer + "s %-" + host + "s %s"
                : "%-" + group + "s %-" + topic + "s %-10s %-15s %-15s %-15s %-" + consumer + "s %-" + host + "s %s";
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator());
        if (verbose) {
            line(out, format, "GROUP", "TOPIC", "PARTITION", "LEADER-EPOCH", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG",
                    "CONSUMER-ID", "HOST", "CLIENT-ID");
        } else {
            line(out, format, "GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG",
                    "CONSUMER-ID", "HOST", "CLIENT-ID");
        }
        for (PartitionRow r : rows) {
            List<Object> values = new ArrayList<>(List.of(r.group(), text(r.topic()), text(r.partition())));
            if (verbose) {
                values.add(text(r.leaderEpoch()));
            }
            values.addAll(List.of(text(r.currentOffset()), text(r.logEndOffset()), text(r.lag()),
                    text(r.consumerId()), text(r.host()), text(r.clientId())));
            line(out, format, values.toArray());
        }
        return out.toString();
    }

    /**
     * {@code --describe --members [--verbose]}. The GROUP-INSTANCE-ID column appears only when a member has
     * one; {@code --verbose} adds the epochs and the current and target assignments.
     */
    public static String members(List<MemberRow> rows, boolean verbose) {
        int group = width(15, rows.stream().map(MemberRow::group));
        int consumer = width(15, rows.stream().map(MemberRow::consumerId));
        int instance = width(17, rows.stream().map(r -> r.groupInstanceId() == null ? "" : r.groupInstanceId()));
        int host = width(15, rows.stream().map(MemberRow::host));
        int client = width(15, rows.stream().map(MemberRow::clientId));
        int current = width(20, rows.stream().map(r -> assignment(r.assignment())));
        int target = width(20, rows.stream().map(r -> assignment(r.targetAssignment())));
        boolean withInstance = rows.stream().anyMatch(r -> r.groupInstanceId() != null && !r.groupInstanceId().isEmpty());

        String head = withInstance
                ? "%-" + group + "s %-" + consumer + "s %-" + instance + "s %-" + host + "s %-" + client + "s %-15s "
                : "%-" + group + "s %-" + consumer + "s %-" + host + "s %-" + client + "s %-15s ";
        String tail = "%-15s %-" + current + "s %-15s %-" + target + "s";

        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator());
        out.append(withInstance
                ? format(head, "GROUP", "CONSUMER-ID", "GROUP-INSTANCE-ID", "HOST", "CLIENT-ID", "#PARTITIONS")
                : format(head, "GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS"));
        if (verbose) {
            out.append(format(tail, "CURRENT-EPOCH", "CURRENT-ASSIGNMENT", "TARGET-EPOCH", "TARGET-ASSIGNMENT"));
        }
        out.append(System.lineSeparator());
        for (MemberRow r : rows) {
            int partitions = r.assignment().size();
            out.append(withInstance
                    ? format(head, r.group(), r.consumerId(),
                            r.groupInstanceId() == null ? "" : r.groupInstanceId(), r.host(), r.clientId(), partitions)
                    : format(head, r.group(), r.consumerId(), r.host(), r.clientId(), partitions));
            if (verbose) {
                out.append(format(tail, text(r.currentEpoch()), assignment(r.assignment()), text(r.targetEpoch()),
                        assignment(r.targetAssignment())));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    /** {@code --describe --state [--verbose]}: GROUP COORDINATOR (ID) ASSIGNMENT-STRATEGY STATE #MEMBERS. */
    public static String state(StateRow row, boolean verbose) {
        int group = Math.max(15, row.group().length());
        int coordinator = Math.max(25, row.coordinator().length());
        String strategy = row.assignmentStrategy() == null || row.assignmentStrategy().isEmpty()
                ? MISSING : row.assignmentStrategy();
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator());
        if (verbose) {
            String format = "%-" + group + "s %-" + coordinator + "s %-20s %-20s %-15s %-25s %s";
            line(out, format, "GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "GROUP-EPOCH",
                    "TARGET-ASSIGNMENT-EPOCH", "#MEMBERS");
            line(out, format, row.group(), row.coordinator(), strategy, row.state(), text(row.groupEpoch()),
                    text(row.targetAssignmentEpoch()), row.members());
        } else {
            String format = "%-" + group + "s %-" + coordinator + "s %-20s %-20s %s";
            line(out, format, "GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS");
            line(out, format, row.group(), row.coordinator(), strategy, row.state(), row.members());
        }
        return out.toString();
    }

    /** {@code --list --state}: GROUP and STATE, one group a line, in the order given. */
    public static String listWithState(Map<String, String> stateByGroup) {
        int group = width(15, stateByGroup.keySet().stream()) + 10;
        String format = "%-" + group + "s %-20s";
        StringBuilder out = new StringBuilder();
        line(out, format, "GROUP", "STATE");
        stateByGroup.forEach((g, s) -> line(out, format, g, s));
        return out.toString();
    }

    /**
     * The plan {@code --reset-offsets} prints, with {@code --dry-run} and with {@code --execute}: GROUP TOPIC
     * PARTITION NEW-OFFSET, sorted by group, topic and partition.
     */
    public static String newOffsets(Map<String, Map<TopicPartition, Long>> plan) {
        int group = width(15, plan.keySet().stream());
        int topic = width(15, plan.values().stream().flatMap(m -> m.keySet().stream()).map(TopicPartition::topic));
        String format = "%-" + group + "s %-" + topic + "s %-10s %s";
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator());
        boolean any = plan.values().stream().anyMatch(m -> !m.isEmpty());
        if (any) {
            line(out, format, "GROUP", "TOPIC", "PARTITION", "NEW-OFFSET");
        }
        new TreeMap<>(plan).forEach((g, offsets) -> sorted(offsets).forEach((tp, offset) ->
                line(out, format, g, tp.topic(), tp.partition(), offset)));
        return out.toString();
    }

    /**
     * The per-partition outcome of {@code --delete-offsets}: TOPIC PARTITION STATUS. A null error means
     * success; partition -1 stands for a whole topic that could not be resolved.
     */
    public static String deleteOffsetsStatus(Map<TopicPartition, String> errors) {
        int topic = width(15, errors.keySet().stream().map(TopicPartition::topic));
        String format = "%-" + topic + "s %-10s %-15s";
        StringBuilder out = new StringBuilder();
        out.append(System.lineSeparator());
        line(out, format, "TOPIC", "PARTITION", "STATUS");
        sorted(errors).forEach((tp, error) -> line(out, format, tp.topic(),
                tp.partition() >= 0 ? Integer.toString(tp.partition()) : MISSING,
                error == null ? "Successful" : "Error: " + error));
        return out.toString();
    }

    /** {@code topic:0,1;other:2}: partitions grouped by topic, both sorted; {@code -} when there are none. */
    public static String assignment(Collection<TopicPartition> partitions) {
        if (partitions == null || partitions.isEmpty()) {
            return MISSING;
        }
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        return byTopic.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().stream().sorted().map(String::valueOf)
                        .collect(Collectors.joining(",")))
                .collect(Collectors.joining(";"));
    }

    /** A map ordered by topic, then partition. */
    static <V> Map<TopicPartition, V> sorted(Map<TopicPartition, V> map) {
        Map<TopicPartition, V> sorted = new TreeMap<>(GroupTables::compare);
        sorted.putAll(map);
        return sorted;
    }

    static int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }

    private static int width(int min, java.util.stream.Stream<String> values) {
        return Math.max(min, values.mapToInt(String::length).max().orElse(0));
    }

    private static String text(Object value) {
        return value == null ? MISSING : value.toString();
    }

    private static String format(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }

    private static void line(StringBuilder out, String format, Object... values) {
        out.append(format(format, values)).append(System.lineSeparator());
    }
}
