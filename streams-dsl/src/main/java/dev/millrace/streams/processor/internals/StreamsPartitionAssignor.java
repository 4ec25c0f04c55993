package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.TaskId;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The group leader's assignment of tasks to the stream threads of every instance (each thread is one member of the
 * classic consumer group {@code application.id}). A task's input partitions go to one member together, so
 * co-partitioned partitions meet in one task. Each member reports the tasks it ran in its subscription's user data;
 * a task goes back to its previous member while that member is under its fair share (ceil(tasks / members)), so
 * stateful tasks keep their warm stores; the others go to the least loaded members.
 */
public final class StreamsPartitionAssignor implements ConsumerPartitionAssignor, Configurable {
    /** Consumer config key under which a stream thread hands itself to its consumer's assignor. */
    public static final String THREAD_HOOKS_CONFIG = "__millrace.streams.assignor.hooks__";
    public static final String NAME = "millrace-streams";

    /** What the assignor needs from the thread that owns its consumer. */
    public interface Hooks {
        TopologyMetadata topologyMetadata();

        /** The tasks the thread ran before this rebalance. */
        Set<TaskId> previousTasks();
    }

    private Hooks hooks;

    @Override
    public void configure(Map<String, ?> configs) {
        Object h = configs.get(THREAD_HOOKS_CONFIG);
        if (!(h instanceof Hooks)) throw new IllegalStateException(NAME + " assignor needs " + THREAD_HOOKS_CONFIG);
        hooks = (Hooks) h;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        List<String> ids = new ArrayList<>();
        for (TaskId id : hooks.previousTasks()) ids.add(id.toString());
        return ByteBuffer.wrap(String.join(",", ids).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> members = new TreeMap<>(groupSubscription.groupSubscription());
        Map<TaskId, Set<TopicPartition>> tasks = hooks.topologyMetadata().tasks();
        Map<String, List<TaskId>> assigned = assign(tasks.keySet(), previousOwners(members));
        Map<String, Assignment> out = new HashMap<>();
        for (Map.Entry<String, List<TaskId>> e : assigned.entrySet()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (TaskId task : e.getValue()) partitions.addAll(tasks.get(task));
            out.put(e.getKey(), new Assignment(partitions));
        }
        return new GroupAssignment(out);
    }

    /** Member id to the tasks it reported, members in id order. */
    private static Map<String, Set<TaskId>> previousOwners(Map<String, Subscription> members) {
        Map<String, Set<TaskId>> out = new TreeMap<>();
        for (Map.Entry<String, Subscription> e : members.entrySet()) {
            Set<TaskId> ids = new HashSet<>();
            ByteBuffer data = e.getValue().userData();
            if (data != null && data.hasRemaining()) {
                byte[] bytes = new byte[data.remaining()];
                data.duplicate().get(bytes);
                for (String s : new String(bytes, StandardCharsets.UTF_8).split(",")) {
                    if (!s.isBlank()) ids.add(TaskId.parse(s.trim()));
                }
            }
            out.put(e.getKey(), ids);
        }
        return out;
    }

    /** The sticky, balanced placement; deterministic for the same input. */
    static Map<String, List<TaskId>> assign(Set<TaskId> tasks, Map<String, Set<TaskId>> previous) {
        Map<String, List<TaskId>> out = new TreeMap<>();
        for (String member : previous.keySet()) out.put(member, new ArrayList<>());
        if (out.isEmpty()) return out;
        int capacity = (tasks.size() + out.size() - 1) / out.size();
        List<TaskId> unplaced = new ArrayList<>();
        for (TaskId task : tasks) {
            String owner = null;
            for (Map.Entry<String, Set<TaskId>> e : previous.entrySet()) {
                if (e.getValue().contains(task) && out.get(e.getKey()).size() < capacity) {
                    owner = e.getKey();
                    break;
                }
            }
            if (owner != null) out.get(owner).add(task);
            else unplaced.add(task);
        }
        for (TaskId task : unplaced) {
            String least = null;
            for (Map.Entry<String, List<TaskId>> e : out.entrySet()) {
                if (least == null || e.getValue().size() < out.get(least).size()) least = e.getKey();
            }
            out.get(least).add(task);
        }
        return out;
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        // the thread reads its tasks from the assigned partitions in its rebalance listener
    }
}
