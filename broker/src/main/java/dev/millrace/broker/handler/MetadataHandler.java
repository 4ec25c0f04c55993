package dev.millrace.broker.handler;

import dev.millrace.broker.controller.TopicController;
import dev.millrace.broker.metadata.BrokerIdentity;
import dev.millrace.broker.metadata.TopicInfo;
import dev.millrace.broker.metadata.TopicNames;
import dev.millrace.broker.metadata.TopicRegistry;
import dev.millrace.broker.partition.Partition;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import dev.millrace.broker.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Metadata: the broker list, the cluster id and, per topic, its id and partitions with leader, epoch and
 * replicas. Unknown topics are created here when the client allows it and {@code auto.create.topics.enable}
 * is on; the answer then already describes the new topic, sparing the client a retry.
 */
final class MetadataHandler implements RequestHandler {
    private final Supplier<BrokerIdentity> identity;
    private final TopicRegistry topics;
    private final PartitionManager partitions;
    private final TopicController controller;
    private final boolean autoCreateEnabled;

    MetadataHandler(Supplier<BrokerIdentity> identity, TopicRegistry topics, PartitionManager partitions,
                           TopicController controller, boolean autoCreateEnabled) {
        this.identity = identity;
        this.topics = topics;
        this.partitions = partitions;
        this.controller = controller;
        this.autoCreateEnabled = autoCreateEnabled;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.version();
        List<Struct> requested = request.getStructArray("Topics");
        boolean allTopics = requested == null || (version == 0 && requested.isEmpty());
        boolean allowAutoCreate = version < 4 || request.getBoolean("AllowAutoTopicCreation");

        BrokerIdentity self = identity.get();
        Struct response = context.api().response().newStruct();
        response.set("ThrottleTimeMs", 0)
                .set("ClusterId", self.clusterId())
                .set("ControllerId", self.nodeId());
        response.addStruct("Brokers")
                .set("NodeId", self.nodeId())
                .set("Host", self.host())
                .set("Port", self.port())
                .set("Rack", null);

        if (allTopics) {
            for (TopicInfo topic : topics.all()) {
                describe(response.addStruct("Topics"), topic, self.nodeId());
            }
            return CompletableFuture.completedFuture(response);
        }

        List<CompletableFuture<Void>> creations = new ArrayList<>();
        for (Struct wanted : requested) {
            String name = wanted.getString("Name");
            Struct out = response.addStruct("Topics");
            if (name == null) {
                Uuid id = wanted.getUuid("TopicId");
                TopicInfo byId = topics.get(id);
                if (byId == null) {
                    out.set("ErrorCode", Errors.UNKNOWN_TOPIC_ID.code()).set("Name", null).set("TopicId", id);
                } else {
                    describe(out, byId, self.nodeId());
                }
                continue;
            }
            TopicInfo topic = topics.get(name);
            if (topic != null) {
                describe(out, topic, self.nodeId());
            } else if (TopicNames.invalidReason(name) != null) {
                out.set("ErrorCode", Errors.INVALID_TOPIC_EXCEPTION.code()).set("Name", name);
            } else if (allowAutoCreate && autoCreateEnabled) {
                creations.add(controller.autoCreate(name).thenAccept(result -> {
                    if (result.error().isSuccess()) {
                        describe(out, result.topic(), self.nodeId());
                    } else {
                        out.set("ErrorCode", result.error().error().code()).set("Name", name);
                    }
                }));
            } else {
                out.set("ErrorCode", Errors.UNKNOWN_TOPIC_OR_PARTITION.code()).set("Name", name);
            }
        }
        return CompletableFuture.allOf(creations.toArray(CompletableFuture[]::new)).thenApply(v -> response);
    }

    private void describe(Struct out, TopicInfo topic, int nodeId) {
        out.set("ErrorCode", Errors.NONE.code())
                .set("Name", topic.name())
                .set("TopicId", topic.id())
                .set("IsInternal", topic.isInternal());
        List<Integer> replicas = List.of(nodeId);
        for (int p = 0; p < topic.partitionCount(); p++) {
            Partition partition = partitions.get(topic.name(), p);
            Struct ps = out.addStruct("Partitions").set("PartitionIndex", p);
            if (partition == null) {
                ps.set("ErrorCode", Errors.LEADER_NOT_AVAILABLE.code()).set("LeaderId", -1)
                        .set("ReplicaNodes", replicas).set("IsrNodes", List.of());
                continue;
            }
            ps.set("ErrorCode", Errors.NONE.code())
                    .set("LeaderId", nodeId)
                    .set("LeaderEpoch", partition.leaderEpoch())
                    .set("ReplicaNodes", replicas)
                    .set("IsrNodes", replicas)
                    .set("OfflineReplicas", List.of());
        }
    }
}
