package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.StoreBuilder;
import dev.millrace.streams.state.internals.MeteredKeyValueStore;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The runtime's view of a topology: its sub-topologies with their physical source topics, the repartition topics
 * they write and the stores they hold; and, once partition counts are known ({@link #resolveTasks}), the tasks
 * ({@code <sub-topology>_<partition>}) with their input partitions. Every instance of an application computes the
 * same metadata from the same topology, so the partition assignor can use it as is.
 */
public final class TopologyMetadata {
    /** One sub-topology; topic names are physical (internal ones carry the application id prefix). */
    public record Subtopology(int id, Set<String> nodeNames, Set<String> sourceTopics, Set<String> repartitionSources,
                              Set<String> repartitionSinks, List<StoreBuilder<?>> stores) {
        /** Source topics that are not this application's repartition topics: they must exist before start. */
        public Set<String> externalSources() {
            Set<String> out = new LinkedHashSet<>(sourceTopics);
            out.removeAll(repartitionSources);
            return out;
        }

        public boolean stateful() {
            return !stores.isEmpty();
        }
    }

    private final InternalTopologyBuilder builder;
    private final String applicationId;
    private final Map<Integer, Subtopology> subtopologies = new LinkedHashMap<>();
    private final Map<String, Integer> subtopologyBySource = new HashMap<>();
    private volatile Map<TaskId, Set<TopicPartition>> tasks = Map.of();

    public TopologyMetadata(InternalTopologyBuilder builder, String applicationId) {
        this.builder = builder;
        this.applicationId = applicationId;
        Set<String> internal = builder.internalTopics();
        Map<String, InternalTopologyBuilder.NodeFactory> factories = builder.nodeFactories();
        for (Map.Entry<Integer, Set<String>> group : builder.nodeGroups().entrySet()) {
            Set<String> sources = new LinkedHashSet<>();
            Set<String> repartitionSources = new LinkedHashSet<>();
            Set<String> repartitionSinks = new LinkedHashSet<>();
            for (InternalTopologyBuilder.NodeFactory f : factories.values()) {
                if (!group.getValue().contains(f.name)) continue;
                if (f instanceof InternalTopologyBuilder.SourceFactory s) {
                    for (String topic : s.topics) {
                        String physical = physical(internal, topic);
                        sources.add(physical);
                        if (internal.contains(topic)) repartitionSources.add(physical);
                    }
                } else if (f instanceof InternalTopologyBuilder.SinkFactory s && s.topic != null && internal.contains(s.topic)) {
                    repartitionSinks.add(physical(internal, s.topic));
                }
            }
            Subtopology sub = new Subtopology(group.getKey(), Set.copyOf(group.getValue()), sources, repartitionSources,
                    repartitionSinks, builder.storeBuilders(group.getValue()));
            subtopologies.put(sub.id(), sub);
            for (String topic : sources) subtopologyBySource.put(topic, sub.id());
        }
    }

    private String physical(Set<String> internal, String topic) {
        return internal.contains(topic) ? applicationId + "-" + topic : topic;
    }

    public InternalTopologyBuilder builder() {
        return builder;
    }

    public String applicationId() {
        return applicationId;
    }

    public Map<Integer, Subtopology> subtopologies() {
        return Collections.unmodifiableMap(subtopologies);
    }

    /** Every physical topic some sub-topology reads: what the stream threads' consumers subscribe to. */
    public Set<String> sourceTopics() {
        return Collections.unmodifiableSet(subtopologyBySource.keySet());
    }

    public static String changelogTopic(String applicationId, String storeName) {
        return MeteredKeyValueStore.changelogTopic(applicationId, storeName);
    }

    /** The task a consumed partition feeds. */
    public TaskId taskFor(TopicPartition partition) {
        Integer sub = subtopologyBySource.get(partition.topic());
        if (sub == null) throw new IllegalArgumentException("no sub-topology reads " + partition.topic());
        return new TaskId(sub, partition.partition());
    }

    /**
     * Fixes the task set from each sub-topology's partition count (the largest of its source topics', as Kafka
     * Streams): task {@code s_p} reads partition p of every source topic of s that has it.
     */
    public void resolveTasks(Map<String, Integer> partitionCounts) {
        Map<TaskId, Set<TopicPartition>> out = new TreeMap<>();
        for (Subtopology sub : subtopologies.values()) {
            int n = partitions(sub, partitionCounts);
            for (int p = 0; p < n; p++) {
                Set<TopicPartition> inputs = new LinkedHashSet<>();
                for (String topic : sub.sourceTopics()) {
                    if (p < partitionCounts.get(topic)) inputs.add(new TopicPartition(topic, p));
                }
                out.put(new TaskId(sub.id(), p), Collections.unmodifiableSet(inputs));
            }
        }
        tasks = Collections.unmodifiableMap(out);
    }

    static int partitions(Subtopology sub, Map<String, Integer> partitionCounts) {
        int n = 0;
        for (String topic : sub.sourceTopics()) n = Math.max(n, partitionCounts.get(topic));
        return n;
    }

    /** Tasks in id order with their input partitions; empty before {@link #resolveTasks}. */
    public Map<TaskId, Set<TopicPartition>> tasks() {
        return tasks;
    }

    public List<TaskId> taskIds() {
        return new ArrayList<>(tasks.keySet());
    }

    /** Repartition topics (physical names) whose partition count the topology fixes instead of their writer. */
    public Map<String, Integer> fixedPartitionCounts() {
        Map<String, Integer> out = new HashMap<>();
        for (Map.Entry<String, Integer> e : builder.internalTopicPartitions().entrySet()) {
            out.put(applicationId + "-" + e.getKey(), e.getValue());
        }
        return out;
    }

    private volatile java.util.function.Function<String, StateStore> globalStores = name -> null;

    /** Where tasks find the global stores: the client's global thread, set before any task opens. */
    public void useGlobalStores(java.util.function.Function<String, StateStore> lookup) {
        this.globalStores = lookup;
    }

    StateStore globalStore(String name) {
        return globalStores.apply(name);
    }
}
