package dev.millrace.streams.processor.internals;

import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.errors.TopologyException;
import dev.millrace.streams.state.StoreBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

/**
 * Prepares the topics a topology needs before any record is processed, as Kafka Streams' assignor does on the group
 * leader: reads the source topics' partition counts, checks co-partitioning, creates repartition topics
 * ({@code cleanup.policy=delete}; as many partitions as the topology fixes, else as the topics they are joined
 * with, else as the input of the sub-topology writing them) and changelog topics (compacted, as many partitions as
 * their sub-topology has tasks), and returns every source topic's count.
 * Every instance runs it at start; creating a topic that exists is a no-op, and one with the wrong partition count
 * fails loudly.
 */
public final class InternalTopicManager {
    private final Admin admin;
    private final short replicationFactor;

    public InternalTopicManager(Admin admin, short replicationFactor) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    /** Returns the partition count of every physical source topic, internal ones included. */
    public Map<String, Integer> prepare(TopologyMetadata metadata) {
        Map<String, Integer> counts = new HashMap<>();
        Set<String> external = new TreeSet<>();
        for (TopologyMetadata.Subtopology sub : metadata.subtopologies().values()) external.addAll(sub.externalSources());
        counts.putAll(describe(external));
        List<String> missing = new ArrayList<>();
        for (String topic : external) if (!counts.containsKey(topic)) missing.add(topic);
        if (!missing.isEmpty()) {
            throw new StreamsException("Missing source topics " + missing + ": create them before starting the application");
        }
        counts.putAll(metadata.fixedPartitionCounts()); // repartition(Repartitioned) with a partition count
        resolveRepartitionCounts(metadata, counts);
        checkCopartitioning(metadata, counts);
        Map<String, NewTopic> wanted = new LinkedHashMap<>();
        for (TopologyMetadata.Subtopology sub : metadata.subtopologies().values()) {
            for (String topic : sub.repartitionSources()) {
                wanted.put(topic, newTopic(topic, counts.get(topic), Map.of("cleanup.policy", "delete")));
            }
            int tasks = TopologyMetadata.partitions(sub, counts);
            for (StoreBuilder<?> store : sub.stores()) {
                if (!store.loggingEnabled()) continue;
                Map<String, String> config = new HashMap<>(store.logConfig());
                config.putIfAbsent("cleanup.policy", "compact");
                String topic = TopologyMetadata.changelogTopic(metadata.applicationId(), store.name());
                wanted.put(topic, newTopic(topic, tasks, config));
            }
        }
        create(wanted);
        return counts;
    }

    /**
     * A repartition topic read with other topics by a stateful sub-topology (a join of a re-keyed stream with a
     * table) gets their partition count, so it is co-partitioned with them, as Kafka Streams sizes it; any other gets
     * the partition count of the sub-topology writing it (chains resolve in rounds).
     */
    private static void resolveRepartitionCounts(TopologyMetadata metadata, Map<String, Integer> counts) {
        for (TopologyMetadata.Subtopology sub : metadata.subtopologies().values()) {
            Set<String> external = sub.externalSources();
            if (!sub.stateful() || external.isEmpty()) continue;
            int n = 0;
            for (String topic : external) n = Math.max(n, counts.get(topic));
            for (String topic : sub.repartitionSources()) counts.putIfAbsent(topic, n);
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (TopologyMetadata.Subtopology writer : metadata.subtopologies().values()) {
                if (!counts.keySet().containsAll(writer.sourceTopics())) continue;
                int n = TopologyMetadata.partitions(writer, counts);
                for (String topic : writer.repartitionSinks()) {
                    if (counts.putIfAbsent(topic, n) == null) progress = true;
                }
            }
        }
        for (TopologyMetadata.Subtopology sub : metadata.subtopologies().values()) {
            for (String topic : sub.repartitionSources()) {
                if (!counts.containsKey(topic)) {
                    throw new TopologyException("cannot size repartition topic " + topic + ": no sub-topology writes it");
                }
            }
        }
    }

    /** A stateful sub-topology reading several topics needs them co-partitioned, or keys would meet the wrong state. */
    private static void checkCopartitioning(TopologyMetadata metadata, Map<String, Integer> counts) {
        for (TopologyMetadata.Subtopology sub : metadata.subtopologies().values()) {
            if (!sub.stateful() || sub.sourceTopics().size() < 2) continue;
            Set<Integer> distinct = new java.util.HashSet<>();
            for (String topic : sub.sourceTopics()) distinct.add(counts.get(topic));
            if (distinct.size() > 1) {
                throw new TopologyException("Topics not co-partitioned: [" + String.join(",", new TreeSet<>(sub.sourceTopics())) + "]");
            }
        }
    }

    private NewTopic newTopic(String name, int partitions, Map<String, String> config) {
        return new NewTopic(name, Optional.of(partitions),
                replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor)).configs(config);
    }

    private Map<String, Integer> describe(Set<String> topics) {
        Map<String, Integer> out = new HashMap<>();
        for (String topic : topics) {
            try {
                TopicDescription d = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
                out.put(topic, d.partitions().size());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new StreamsException("cannot describe topic " + topic, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamsException("interrupted describing topic " + topic, e);
            }
        }
        return out;
    }

    private void create(Map<String, NewTopic> wanted) {
        for (NewTopic topic : wanted.values()) {
            try {
                admin.createTopics(List.of(topic)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new StreamsException("cannot create internal topic " + topic.name(), e.getCause());
                }
                int existing = describe(Set.of(topic.name())).getOrDefault(topic.name(), -1);
                if (existing != topic.numPartitions()) {
                    throw new StreamsException("internal topic " + topic.name() + " has " + existing
                            + " partitions but the topology needs " + topic.numPartitions());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamsException("interrupted creating internal topic " + topic.name(), e);
            }
        }
    }
}
