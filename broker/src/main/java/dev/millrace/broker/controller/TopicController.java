package dev.millrace.broker.controller;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.config.ConfigException;
import dev.millrace.broker.log.LogConfig;
import dev.millrace.broker.metadata.TopicInfo;
import dev.millrace.broker.metadata.TopicNames;
import dev.millrace.broker.metadata.TopicRegistry;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Uuid;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node controller: every change to topics (create, delete, add partitions, alter configs) runs
 * on its one thread, is validated against Kafka's rules, persisted in the {@link TopicRegistry} and applied
 * to the partitions. One writer means no two changes to the same topic can interleave.
 */
public final class TopicController implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TopicController.class);

    /** The outcome of a topic change: an error, or the topic as it now is (or would be, when validating). */
    public record Result(ApiError error, TopicInfo topic) {
        static Result failed(Errors error, String message) {
            return new Result(ApiError.of(error, message), null);
        }
    }

    private final TopicRegistry registry;
    private final PartitionManager partitions;
    private final BrokerConfig config;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "millrace-controller"));

    public TopicController(TopicRegistry registry, PartitionManager partitions, BrokerConfig config) {
        this.registry = registry;
        this.partitions = partitions;
        this.config = config;
    }

    /** Opens the partitions of every known topic; called once at start-up before clients connect. */
    public void loadTopics() {
        for (TopicInfo topic : registry.all()) {
            partitions.open(topic, 0);
        }
    }

    public CompletableFuture<Result> createTopic(String name, int numPartitions, int replicationFactor,
                                                 Map<Integer, List<Integer>> assignments,
                                                 Map<String, String> configs, boolean validateOnly) {
        return run(() -> {
            String invalid = TopicNames.invalidReason(name);
            if (invalid != null) {
                return Result.failed(Errors.INVALID_TOPIC_EXCEPTION, invalid);
            }
            if (registry.get(name) != null) {
                return Result.failed(Errors.TOPIC_ALREADY_EXISTS, "Topic '" + name + "' already exists.");
            }
            TopicInfo colliding = registry.collidingWith(name);
            if (colliding != null) {
                return Result.failed(Errors.INVALID_TOPIC_EXCEPTION, "Topic '" + name + "' collides with existing topic: "
                        + colliding.name());
            }
            int count;
            if (!assignments.isEmpty()) {
                if (numPartitions != -1 || replicationFactor != -1) {
                    return Result.failed(Errors.INVALID_REQUEST,
                            "Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.");
                }
                for (int p = 0; p < assignments.size(); p++) {
                    if (!assignments.containsKey(p)) {
                        return Result.failed(Errors.INVALID_REPLICA_ASSIGNMENT,
                                "Partitions should be numbered from 0 to " + (assignments.size() - 1) + " without gaps.");
                    }
                }
                ApiError bad = checkAssignments(assignments);
                if (bad != null) {
                    return new Result(bad, null);
                }
                count = assignments.size();
            } else {
                count = numPartitions == -1 ? config.numPartitions() : numPartitions;
                int rf = replicationFactor == -1 ? config.defaultReplicationFactor() : replicationFactor;
                if (count <= 0) {
                    return Result.failed(Errors.INVALID_PARTITIONS, "Number of partitions was set to an invalid non-positive value.");
                }
                if (rf <= 0) {
                    return Result.failed(Errors.INVALID_REPLICATION_FACTOR, "Replication factor must be larger than 0, or -1 to use the default value.");
                }
                if (rf > 1) {
                    return Result.failed(Errors.INVALID_REPLICATION_FACTOR, "Unable to replicate the partition " + rf
                            + " time(s): The target replication factor of " + rf
                            + " cannot be reached because only 1 broker(s) are registered.");
                }
            }
            ApiError configError = validateConfigs(configs);
            if (configError != null) {
                return new Result(configError, null);
            }
            TopicInfo topic = new TopicInfo(name, Uuid.random(), count, configs);
            if (!validateOnly) {
                partitions.open(topic, 0);
                registry.put(topic);
                log.info("Created topic {} with {} partition(s) and configs {}", name, count, configs);
            }
            return new Result(ApiError.NONE, topic);
        });
    }

    /** Creates {@code name} with the broker defaults unless it exists; used for topic auto-creation. */
    public CompletableFuture<Result> autoCreate(String name) {
        return createTopic(name, -1, -1, Map.of(), Map.of(), false).thenApply(r ->
                r.error().error() == Errors.TOPIC_ALREADY_EXISTS ? new Result(ApiError.NONE, registry.get(name)) : r);
    }

    public CompletableFuture<ApiError> deleteTopic(String name) {
        return run(() -> {
            TopicInfo topic = registry.get(name);
            if (topic == null) {
                return ApiError.of(Errors.UNKNOWN_TOPIC_OR_PARTITION, "This server does not host this topic-partition.");
            }
            if (!config.deleteTopicEnable()) {
                return ApiError.of(Errors.TOPIC_DELETION_DISABLED, "Topic deletion is disabled.");
            }
            if (topic.isInternal()) {
                // It holds every group's committed offsets; losing it silently resets all consumers.
                return ApiError.of(Errors.INVALID_TOPIC_EXCEPTION, "Topic " + name + " is an internal topic and cannot be deleted.");
            }
            registry.remove(name);
            partitions.delete(name, topic.partitionCount()).join();
            log.info("Deleted topic {}", name);
            return ApiError.NONE;
        });
    }

    public CompletableFuture<ApiError> createPartitions(String name, int newCount,
                                                        Map<Integer, List<Integer>> assignments,
                                                        boolean validateOnly) {
        return run(() -> {
            TopicInfo topic = registry.get(name);
            if (topic == null) {
                return ApiError.of(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The topic '" + name + "' does not exist.");
            }
            if (newCount < topic.partitionCount()) {
                return ApiError.of(Errors.INVALID_PARTITIONS, "The topic " + name + " currently has "
                        + topic.partitionCount() + " partition(s); " + newCount + " would not be an increase.");
            }
            if (newCount == topic.partitionCount()) {
                return ApiError.of(Errors.INVALID_PARTITIONS, "Topic already has " + newCount + " partition(s).");
            }
            if (!assignments.isEmpty()) {
                if (assignments.size() != newCount - topic.partitionCount()) {
                    return ApiError.of(Errors.INVALID_REPLICA_ASSIGNMENT, "Attempted to add "
                            + (newCount - topic.partitionCount()) + " additional partition(s), but only "
                            + assignments.size() + " assignment(s) were specified.");
                }
                ApiError bad = checkAssignments(assignments);
                if (bad != null) {
                    return bad;
                }
            }
            if (!validateOnly) {
                TopicInfo grown = topic.withPartitionCount(newCount);
                partitions.open(grown, topic.partitionCount());
                registry.put(grown);
                log.info("Topic {} now has {} partitions", name, newCount);
            }
            return ApiError.NONE;
        });
    }

    /** Replaces the topic's config overrides with {@code overrides}. */
    public CompletableFuture<ApiError> replaceConfigs(String name, Map<String, String> overrides, boolean validateOnly) {
        return run(() -> {
            TopicInfo topic = registry.get(name);
            if (topic == null) {
                return ApiError.of(Errors.UNKNOWN_TOPIC_OR_PARTITION, "The topic '" + name + "' does not exist.");
            }
            ApiError configError = validateConfigs(overrides);
            if (configError != null || validateOnly) {
                return configError != null ? configError : ApiError.NONE;
            }
            TopicInfo changed = topic.withConfigs(overrides);
            registry.put(changed);
            LogConfig logConfig = partitions.logConfig(changed);
            for (int p = 0; p < changed.partitionCount(); p++) {
                var partition = partitions.get(name, p);
                if (partition != null) {
                    partition.updateConfig(logConfig).join();
                }
            }
            log.info("Topic {} configs are now {}", name, overrides);
            return ApiError.NONE;
        });
    }

    private ApiError validateConfigs(Map<String, String> configs) {
        for (String key : configs.keySet()) {
            if (LogConfig.INTERNAL_KEYS.contains(key)) {
                return ApiError.of(Errors.INVALID_CONFIG, "Unknown topic config name: " + key);
            }
        }
        try {
            LogConfig.of(configs, config.logDefaults());
            return null;
        } catch (ConfigException e) {
            return ApiError.of(Errors.INVALID_CONFIG, e.getMessage());
        }
    }

    private ApiError checkAssignments(Map<Integer, List<Integer>> assignments) {
        for (Map.Entry<Integer, List<Integer>> e : assignments.entrySet()) {
            List<Integer> replicas = e.getValue();
            if (replicas.isEmpty()) {
                return ApiError.of(Errors.INVALID_REPLICA_ASSIGNMENT, "The manual partition assignment includes a partition with no replicas.");
            }
            if (replicas.size() != 1 || replicas.get(0) != config.nodeId()) {
                return ApiError.of(Errors.INVALID_REPLICA_ASSIGNMENT, "The manual partition assignment includes broker(s) "
                        + replicas + " but this cluster has only broker " + config.nodeId() + ".");
            }
        }
        return null;
    }

    private <T> CompletableFuture<T> run(Supplier<T> change) {
        try {
            return CompletableFuture.supplyAsync(change, thread);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
