package dev.millrace.streams.processor.internals;

import dev.millrace.streams.KeyQueryMetadata;
import dev.millrace.streams.StreamsMetadata;
import dev.millrace.streams.processor.StreamPartitioner;
import dev.millrace.streams.state.HostInfo;
import dev.millrace.streams.state.StoreBuilder;
import dev.millrace.streams.state.internals.StreamsMetadataImpl;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One client's knowledge of where the application's tasks run, as Kafka Streams' class of the same name: this
 * client's process id and endpoint (what its threads put in their subscriptions), and the partition-to-host maps
 * of the last assignment (every thread passes them on; all threads get the same). From those it answers which
 * instances hold a store, and which holds a key: the key's partition is computed with the application's partitioner
 * over the store's source topic with the most partitions.
 */
public final class StreamsMetadataState {
    public static final HostInfo UNKNOWN_HOST = HostInfo.unavailable();
    static final int UNKNOWN_PARTITION = -1;

    private final TopologyMetadata topology;
    private final HostInfo thisHost;
    private final UUID processId = UUID.randomUUID();
    private final Map<String, List<String>> storeToSourceTopics = new LinkedHashMap<>();
    private List<StreamsMetadata> allMetadata = List.of();
    private StreamsMetadata localMetadata;
    private boolean initialized;

    public StreamsMetadataState(TopologyMetadata topology, HostInfo thisHost) {
        this.topology = topology;
        this.thisHost = thisHost == null ? UNKNOWN_HOST : thisHost;
        for (TopologyMetadata.Subtopology sub : topology.subtopologies().values()) {
            for (StoreBuilder<?> store : sub.stores()) storeToSourceTopics.put(store.name(), List.copyOf(sub.sourceTopics()));
        }
    }

    UUID processId() {
        return processId;
    }

    /** The endpoint this client reports ("" when {@code application.server} is not set). */
    String endpoint() {
        return thisHost.equals(UNKNOWN_HOST) ? "" : thisHost.host() + ":" + thisHost.port();
    }

    public HostInfo thisHost() {
        return thisHost;
    }

    /** Whether any sub-topology holds a store of this name. */
    public boolean hasStore(String storeName) {
        return storeToSourceTopics.containsKey(storeName);
    }

    /** A new assignment: the metadata of every instance with an endpoint, rebuilt. */
    synchronized void onChange(Map<HostInfo, Set<TopicPartition>> activeByHost, Map<HostInfo, Set<TopicPartition>> standbyByHost) {
        initialized = true;
        localMetadata = new StreamsMetadataImpl(thisHost, Set.of(), Set.of(), Set.of(), Set.of());
        Set<HostInfo> hosts = new HashSet<>(activeByHost.keySet());
        hosts.addAll(standbyByHost.keySet());
        List<HostInfo> sorted = new ArrayList<>(hosts);
        sorted.sort(Comparator.comparing(HostInfo::host).thenComparingInt(HostInfo::port));
        List<StreamsMetadata> out = new ArrayList<>();
        for (HostInfo host : sorted) {
            Set<TopicPartition> active = new HashSet<>(activeByHost.getOrDefault(host, Set.of()));
            Set<TopicPartition> standby = new HashSet<>(standbyByHost.getOrDefault(host, Set.of()));
            StreamsMetadata metadata = new StreamsMetadataImpl(host, storesOn(active), active, storesOn(standby), standby);
            out.add(metadata);
            if (host.equals(thisHost)) localMetadata = metadata;
        }
        allMetadata = Collections.unmodifiableList(out);
    }

    private Set<String> storesOn(Set<TopicPartition> partitions) {
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, List<String>> e : storeToSourceTopics.entrySet()) {
            for (TopicPartition tp : partitions) {
                if (e.getValue().contains(tp.topic())) {
                    out.add(e.getKey());
                    break;
                }
            }
        }
        return out;
    }

    public synchronized Collection<StreamsMetadata> allMetadata() {
        return allMetadata;
    }

    public synchronized StreamsMetadata localMetadata() {
        return localMetadata;
    }

    public synchronized Collection<StreamsMetadata> allMetadataForStore(String storeName) {
        Objects.requireNonNull(storeName, "storeName cannot be null");
        if (!initialized || !hasStore(storeName)) return Collections.emptyList();
        List<StreamsMetadata> out = new ArrayList<>();
        for (StreamsMetadata m : allMetadata) {
            if (m.stateStoreNames().contains(storeName) || m.standbyStateStoreNames().contains(storeName)) out.add(m);
        }
        return out;
    }

    public synchronized <K> KeyQueryMetadata keyQueryMetadataForKey(String storeName, K key, Headers headers, Serializer<K> keySerializer) {
        Objects.requireNonNull(keySerializer, "keySerializer can't be null");
        return keyQueryMetadataForKey(storeName, key, headers, new DefaultStreamPartitioner<K, Object>(keySerializer));
    }

    /** NOT_AVAILABLE before the first assignment; null for a store the topology does not have (as Kafka Streams). */
    public synchronized <K> KeyQueryMetadata keyQueryMetadataForKey(String storeName, K key, Headers headers,
                                                                    StreamPartitioner<? super K, ?> partitioner) {
        Objects.requireNonNull(storeName, "storeName can't be null");
        Objects.requireNonNull(key, "key can't be null");
        Objects.requireNonNull(partitioner, "partitioner can't be null");
        if (!initialized) return KeyQueryMetadata.NOT_AVAILABLE;
        List<String> sourceTopics = storeToSourceTopics.get(storeName);
        if (sourceTopics == null) return null;
        Map<String, Integer> partitionCounts = partitionCounts();
        String widest = null;
        int maxPartitions = 0;
        for (String topic : sourceTopics) {
            int n = partitionCounts.getOrDefault(topic, 0);
            if (n > maxPartitions) {
                maxPartitions = n;
                widest = topic;
            }
        }
        Integer partition = singlePartition(partitioner.partitions(widest, key, null, headers, maxPartitions));
        Set<TopicPartition> matching = new HashSet<>();
        for (String topic : sourceTopics) matching.add(new TopicPartition(topic, partition == null ? UNKNOWN_PARTITION : partition));
        HostInfo activeHost = UNKNOWN_HOST;
        Set<HostInfo> standbyHosts = new HashSet<>();
        for (StreamsMetadata m : allMetadata) {
            if (m.stateStoreNames().contains(storeName) && !Collections.disjoint(m.topicPartitions(), matching)) activeHost = m.hostInfo();
            if (m.standbyStateStoreNames().contains(storeName) && !Collections.disjoint(m.standbyTopicPartitions(), matching)) {
                standbyHosts.add(m.hostInfo());
            }
        }
        return new KeyQueryMetadata(activeHost, standbyHosts, partition == null ? UNKNOWN_PARTITION : partition);
    }

    private static Integer singlePartition(Optional<Set<Integer>> partitions) {
        if (partitions.isEmpty()) return null;
        if (partitions.get().size() != 1) {
            throw new IllegalArgumentException("The partitions returned by StreamPartitioner#partitions method when used for "
                    + "fetching KeyQueryMetadata for key should be a singleton set");
        }
        return partitions.get().iterator().next();
    }

    private Map<String, Integer> partitionCounts() {
        Map<String, Integer> out = new HashMap<>();
        for (Set<TopicPartition> inputs : topology.tasks().values()) {
            for (TopicPartition tp : inputs) out.merge(tp.topic(), tp.partition() + 1, Math::max);
        }
        return out;
    }
}
