package dev.millrace.broker.handler;

import dev.millrace.broker.controller.TopicController;
import dev.millrace.broker.log.LogAppendInfo;
import dev.millrace.broker.metadata.TopicInfo;
import dev.millrace.broker.metadata.TopicRegistry;
import dev.millrace.broker.partition.Partition;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.ByteBufRecords;
import dev.millrace.broker.protocol.types.Records;
import dev.millrace.broker.protocol.types.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Produce: each partition's batch, still the bytes received from the socket, goes to its partition's I/O
 * thread to be validated and appended; the response is sent when every partition has answered. With
 * acks=0 no response is sent, and a failure closes the connection as Kafka does.
 */
final class ProduceHandler implements RequestHandler {
    private final TopicRegistry topics;
    private final PartitionManager partitions;
    private final TopicController controller;
    private final boolean autoCreateEnabled;

    ProduceHandler(TopicRegistry topics, PartitionManager partitions, TopicController controller,
                          boolean autoCreateEnabled) {
        this.topics = topics;
        this.partitions = partitions;
        this.controller = controller;
        this.autoCreateEnabled = autoCreateEnabled;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.version();
        short acks = request.getShort("Acks");
        Errors requestError = null;
        String requestMessage = null;
        if (acks != 0 && acks != 1 && acks != -1) {
            requestError = Errors.INVALID_REQUIRED_ACKS;
        } else if (request.getString("TransactionalId") != null) {
            requestError = Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED;
            requestMessage = "Transactions are not supported by this broker yet.";
        }

        Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
        List<CompletableFuture<Void>> appends = new ArrayList<>();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        for (Struct topicData : request.getStructArray("TopicData")) {
            TopicInfo topic = version >= 13 ? topics.get(topicData.getUuid("TopicId")) : topics.get(topicData.getString("Name"));
            Struct topicOut = response.addStruct("Responses")
                    .set("Name", topicData.getString("Name"))
                    .set("TopicId", topicData.getUuid("TopicId"));
            if (topic == null && version < 13 && requestError == null && autoCreateEnabled) {
                // The producer retries after refreshing its metadata, by which time the topic exists.
                controller.autoCreate(topicData.getString("Name"));
            }
            for (Struct partitionData : topicData.getStructArray("PartitionData")) {
                int index = partitionData.getInt("Index");
                Struct out = topicOut.addStruct("PartitionResponses").set("Index", index).set("BaseOffset", -1L);
                Errors error = requestError;
                String message = requestMessage;
                Partition partition = topic == null ? null : partitions.get(topic.name(), index);
                Records records = partitionData.getRecords("Records");
                if (error == null && topic != null && topic.isInternal()) {
                    // Only the group coordinator writes there, as in Kafka.
                    error = Errors.INVALID_TOPIC_EXCEPTION;
                    message = "Cannot append to internal topic " + topic.name();
                }
                if (error == null && partition == null) {
                    error = topic == null && version >= 13 ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
                }
                if (error == null && (records == null || records.sizeInBytes() == 0)) {
                    error = Errors.INVALID_RECORD;
                    message = "Produce requests must carry one record batch per partition";
                }
                if (error != null) {
                    fail(out, error, message, firstFailure, topicData, index);
                    continue;
                }
                appends.add(partition.append(((ByteBufRecords) records).buf(), version).handle((info, thrown) -> {
                    if (thrown != null) {
                        fail(out, ErrorMapping.toError(thrown), ErrorMapping.message(thrown), firstFailure, topicData, index);
                    } else {
                        succeed(out, info);
                    }
                    return null;
                }));
            }
        }
        return CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).thenApply(v -> {
            if (acks == 0) {
                if (firstFailure.get() != null) {
                    throw new CloseConnectionException("acks=0 produce failed: " + firstFailure.get());
                }
                return null;
            }
            return response;
        });
    }

    private static void succeed(Struct out, LogAppendInfo info) {
        out.set("ErrorCode", Errors.NONE.code())
                .set("BaseOffset", info.firstOffset())
                .set("LogAppendTimeMs", info.logAppendTimeMs())
                .set("LogStartOffset", info.logStartOffset());
    }

    private static void fail(Struct out, Errors error, String message, AtomicReference<String> firstFailure,
                             Struct topicData, int index) {
        out.set("ErrorCode", error.code()).set("ErrorMessage", message);
        firstFailure.compareAndSet(null, error.name() + " on " + topicData.getString("Name") + "-" + index);
    }
}
