package dev.millrace.broker.handler;

import dev.millrace.broker.group.CommittedOffset;
import dev.millrace.broker.group.GroupCoordinator;
import dev.millrace.broker.group.GroupCoordinator.FetchResult;
import dev.millrace.broker.partition.TopicPartition;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetFetch: one group up to v7, a batch of groups from v8. Null topics mean every committed partition.
 * RequireStable needs no waiting: there are no pending transactional commits without transactions.
 * A partition without a commit answers offset -1 and empty metadata.
 */
final class OffsetFetchHandler implements RequestHandler {
    private final GroupCoordinator coordinator;

    OffsetFetchHandler(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.version();
        Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
        if (version < 8) {
            List<TopicPartition> wanted = partitions(request.getStructArray("Topics"));
            return coordinator.fetchOffsets(request.getString("GroupId"), wanted).handle((result, thrown) -> {
                result = orFailure(result, thrown);
                fillTopics(response, result, version);
                if (version >= 2) {
                    response.set("ErrorCode", result.error().code());
                } else if (result.error() != Errors.NONE) {
                    // v1 has no group-level error: every partition carries it.
                    for (Struct t : response.getStructArray("Topics")) {
                        for (Struct p : t.getStructArray("Partitions")) {
                            p.set("ErrorCode", result.error().code());
                        }
                    }
                }
                return response;
            });
        }
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Struct group : request.getStructArray("Groups")) {
            Struct groupOut = response.addStruct("Groups").set("GroupId", group.getString("GroupId"));
            List<TopicPartition> wanted = partitions(group.getStructArray("Topics"));
            pending.add(coordinator.fetchOffsets(group.getString("GroupId"), wanted).handle((result, thrown) -> {
                result = orFailure(result, thrown);
                fillTopics(groupOut, result, version);
                groupOut.set("ErrorCode", result.error().code());
                return null;
            }));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(v -> response);
    }

    private static FetchResult orFailure(FetchResult result, Throwable thrown) {
        return thrown != null ? new FetchResult(GroupRequests.failure(thrown), Map.of()) : result;
    }

    private static List<TopicPartition> partitions(List<Struct> topics) {
        if (topics == null) {
            return null;
        }
        List<TopicPartition> out = new ArrayList<>();
        for (Struct t : topics) {
            for (Integer p : t.<Integer>getArray("PartitionIndexes")) {
                out.add(new TopicPartition(t.getString("Name"), p));
            }
        }
        return out;
    }

    private static void fillTopics(Struct out, FetchResult result, short version) {
        if (result.error() != Errors.NONE && version >= 2) {
            return;
        }
        Map<String, Struct> byTopic = new LinkedHashMap<>();
        for (Map.Entry<TopicPartition, CommittedOffset> e : result.offsets().entrySet()) {
            Struct topic = byTopic.computeIfAbsent(e.getKey().topic(),
                    name -> out.addStruct("Topics").set("Name", name));
            CommittedOffset o = e.getValue();
            topic.addStruct("Partitions")
                    .set("PartitionIndex", e.getKey().partition())
                    .set("CommittedOffset", o == null ? -1L : o.offset())
                    .set("CommittedLeaderEpoch", o == null ? -1 : o.leaderEpoch())
                    .set("Metadata", o == null ? "" : o.metadata())
                    .set("ErrorCode", Errors.NONE.code());
        }
    }
}
