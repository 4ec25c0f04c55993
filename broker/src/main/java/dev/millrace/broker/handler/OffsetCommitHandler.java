package dev.millrace.broker.handler;

import dev.millrace.broker.group.GroupCoordinator;
import dev.millrace.broker.group.GroupCoordinator.PartitionCommit;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.partition.TopicPartition;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetCommit: answered once the offsets are in {@code __consumer_offsets}. Partitions of unknown topics
 * are refused here (UNKNOWN_TOPIC_OR_PARTITION), as Kafka's request layer does.
 */
final class OffsetCommitHandler implements RequestHandler {
    private final GroupCoordinator coordinator;
    private final PartitionManager partitions;

    OffsetCommitHandler(GroupCoordinator coordinator, PartitionManager partitions) {
        this.coordinator = coordinator;
        this.partitions = partitions;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.version();
        Map<TopicPartition, PartitionCommit> commits = new LinkedHashMap<>();
        Map<TopicPartition, Errors> refused = new LinkedHashMap<>();
        for (Struct topic : request.getStructArray("Topics")) {
            String name = topic.getString("Name");
            for (Struct p : topic.getStructArray("Partitions")) {
                TopicPartition tp = new TopicPartition(name, p.getInt("PartitionIndex"));
                if (partitions.get(name, tp.partition()) == null) {
                    refused.put(tp, Errors.UNKNOWN_TOPIC_OR_PARTITION);
                } else {
                    commits.put(tp, new PartitionCommit(p.getLong("CommittedOffset"),
                            version >= 6 ? p.getInt("CommittedLeaderEpoch") : -1, p.getString("CommittedMetadata")));
                }
            }
        }
        long retention = version <= 4 ? request.getLong("RetentionTimeMs") : -1;
        GroupCoordinator.CommitRequest commit = new GroupCoordinator.CommitRequest(request.getString("GroupId"),
                request.getString("MemberId"), version >= 7 ? request.getString("GroupInstanceId") : null,
                request.getInt("GenerationIdOrMemberEpoch"), retention, commits);
        CompletableFuture<Map<TopicPartition, Errors>> done = commits.isEmpty()
                ? CompletableFuture.completedFuture(Map.of()) : coordinator.commitOffsets(commit);
        return done.handle((errors, thrown) -> {
            Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
            Errors failure = thrown != null ? GroupRequests.failure(thrown) : null;
            for (Struct topic : request.getStructArray("Topics")) {
                String name = topic.getString("Name");
                Struct topicOut = response.addStruct("Topics").set("Name", name);
                for (Struct p : topic.getStructArray("Partitions")) {
                    TopicPartition tp = new TopicPartition(name, p.getInt("PartitionIndex"));
                    Errors e = refused.get(tp);
                    if (e == null) {
                        e = failure != null ? failure : errors.getOrDefault(tp, Errors.UNKNOWN_SERVER_ERROR);
                    }
                    topicOut.addStruct("Partitions").set("PartitionIndex", tp.partition()).set("ErrorCode", e.code());
                }
            }
            return response;
        });
    }
}
