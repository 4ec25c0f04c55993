package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.HostInfo;
import dev.millrace.streams.state.StoreBuilder;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The group leader's assignment of tasks to the stream threads of every instance (each thread is one member of the
 * classic consumer group {@code application.id}). A task's input partitions go to one member together, so
 * co-partitioned partitions meet in one task. Each member reports its client, endpoint and the tasks it ran (active and
 * standby) in its subscription's user data ({@link SubscriptionInfo}); a task goes back to its previous member while
 * that member is under its fair share (ceil(tasks / members)), so stateful tasks keep their warm stores; the others
 * go first to a member whose client has their state (a standby, a task directory), then to the least loaded members.
 * Standby tasks are placed after ({@link StandbyTaskAssignor}), and every member learns each endpoint's partitions
 * ({@link AssignmentInfo}) for interactive queries.
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

        /** The standby tasks the thread kept before this rebalance. */
        Set<TaskId> previousStandbyTasks();

        /** The thread's client: its process id and endpoint. */
        StreamsMetadataState clientMetadata();

        /** The tasks whose state the thread's client has on disk. */
        Set<TaskId> tasksOnDisk();

        /** {@code num.standby.replicas}: read by the member that leads the group. */
        int numStandbyReplicas();

        /** This member's part of the leader's decision, before the rebalance listener hears of the partitions. */
        void onAssignment(AssignmentInfo info);
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
        StreamsMetadataState client = hooks.clientMetadata();
        return new SubscriptionInfo(client.processId(), client.endpoint(), hooks.previousTasks(), hooks.previousStandbyTasks(),
                hooks.tasksOnDisk()).encode();
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, SubscriptionInfo> members = new TreeMap<>();
        for (Map.Entry<String, Subscription> e : groupSubscription.groupSubscription().entrySet()) {
            members.put(e.getKey(), SubscriptionInfo.decode(e.getValue().userData()));
        }
        TopologyMetadata topology = hooks.topologyMetadata();
        Map<TaskId, Set<TopicPartition>> tasks = topology.tasks();
        Map<String, Set<TaskId>> previous = new TreeMap<>();
        Map<String, Set<TaskId>> warmForActive = new TreeMap<>();
        Map<String, StandbyTaskAssignor.Member> standbyView = new TreeMap<>();
        for (Map.Entry<String, SubscriptionInfo> e : members.entrySet()) {
            SubscriptionInfo s = e.getValue();
            previous.put(e.getKey(), s.prevActive());
            Set<TaskId> warm = new HashSet<>(s.prevStandby());
            warm.addAll(s.tasksOnDisk());
            warmForActive.put(e.getKey(), warm);
            Set<TaskId> state = new HashSet<>(warm);
            state.addAll(s.prevActive());
            standbyView.put(e.getKey(), new StandbyTaskAssignor.Member(s.processId(), state, s.prevStandby()));
        }
        Map<String, List<TaskId>> active = assign(tasks.keySet(), previous, warmForActive);
        Map<String, Set<TaskId>> standby = StandbyTaskAssignor.assign(statefulTasks(topology), hooks.numStandbyReplicas(), standbyView, active);
        Map<HostInfo, Set<TopicPartition>> activeByHost = partitionsByEndpoint(members, active, tasks);
        Map<HostInfo, Set<TopicPartition>> standbyByHost = partitionsByEndpoint(members, standby, tasks);
        Map<String, Assignment> out = new HashMap<>();
        for (Map.Entry<String, List<TaskId>> e : active.entrySet()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (TaskId task : e.getValue()) partitions.addAll(tasks.get(task));
            AssignmentInfo info = new AssignmentInfo(standby.get(e.getKey()), activeByHost, standbyByHost);
            out.put(e.getKey(), new Assignment(partitions, info.encode()));
        }
        return new GroupAssignment(out);
    }

    /** The source partitions of the given tasks of each member, gathered per endpoint; members without one left out. */
    private static Map<HostInfo, Set<TopicPartition>> partitionsByEndpoint(Map<String, SubscriptionInfo> members,
                                                                           Map<String, ? extends Collection<TaskId>> placed,
                                                                           Map<TaskId, Set<TopicPartition>> tasks) {
        Map<HostInfo, Set<TopicPartition>> out = new HashMap<>();
        for (Map.Entry<String, SubscriptionInfo> e : members.entrySet()) {
            HostInfo host = HostInfo.buildFromEndpoint(e.getValue().endpoint());
            if (host == null) continue;
            Set<TopicPartition> partitions = out.computeIfAbsent(host, h -> new HashSet<>());
            for (TaskId t : placed.get(e.getKey())) partitions.addAll(tasks.get(t));
        }
        return out;
    }

    /** Tasks of sub-topologies with a logged store: the ones a standby can keep warm from a changelog. */
    private static Set<TaskId> statefulTasks(TopologyMetadata topology) {
        Set<TaskId> out = new HashSet<>();
        for (TaskId t : topology.tasks().keySet()) {
            if (topology.subtopologies().get(t.subtopology()).stores().stream().anyMatch(StoreBuilder::loggingEnabled)) out.add(t);
        }
        return out;
    }

    static Map<String, List<TaskId>> assign(Set<TaskId> tasks, Map<String, Set<TaskId>> previous) {
        return assign(tasks, previous, Map.of());
    }

    /** The sticky, balanced placement; deterministic for the same input. */
    static Map<String, List<TaskId>> assign(Set<TaskId> tasks, Map<String, Set<TaskId>> previous, Map<String, Set<TaskId>> warm) {
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
            String warmMember = warmMemberUnder(capacity, task, warm, out);
            String least = null;
            for (Map.Entry<String, List<TaskId>> e : out.entrySet()) {
                if (least == null || e.getValue().size() < out.get(least).size()) least = e.getKey();
            }
            out.get(warmMember != null ? warmMember : least).add(task);
        }
        return out;
    }

    /** The least loaded member under capacity whose client has the task's state, or null. */
    private static String warmMemberUnder(int capacity, TaskId task, Map<String, Set<TaskId>> warm, Map<String, List<TaskId>> out) {
        String best = null;
        for (Map.Entry<String, Set<TaskId>> e : warm.entrySet()) {
            int load = out.get(e.getKey()).size();
            if (e.getValue().contains(task) && load < capacity && (best == null || load < out.get(best).size())) best = e.getKey();
        }
        return best;
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        // the thread reads its active tasks from the assigned partitions in its rebalance listener
        hooks.onAssignment(AssignmentInfo.decode(assignment.userData()));
    }
}
