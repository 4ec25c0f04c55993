package dev.millrace.broker.handler;

import dev.millrace.broker.controller.TopicController;
import dev.millrace.broker.log.LogAppendInfo;
import dev.millrace.broker.metadata.TopicInfo;
import dev.millrace.broker.metadata.TopicRegistry;
import dev.millrace.broker.partition.Partition;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.message.ProduceMessages;
import dev.millrace.broker.protocol.types.ByteBufRecords;
import dev.millrace.broker.protocol.types.Field;
import dev.millrace.broker.protocol.types.MessageSchema;
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
    // Field handles, resolved once: the produce path reads and writes fields without name lookups or boxing.
    private static final MessageSchema REQ = ProduceMessages.REQUEST;
    private static final Field ACKS = REQ.field("Acks");
    private static final Field TRANSACTIONAL_ID = REQ.field("TransactionalId");
    private static final Field TOPIC_DATA = REQ.field("TopicData");
    private static final Field NAME = REQ.field("TopicData.Name");
    private static final Field TOPIC_ID = REQ.field("TopicData.TopicId");
    private static final Field PARTITION_DATA = REQ.field("TopicData.PartitionData");
    private static final Field INDEX = REQ.field("TopicData.PartitionData.Index");
    private static final Field RECORDS = REQ.field("TopicData.PartitionData.Records");

    private static final MessageSchema RESP = ProduceMessages.RESPONSE;
    private static final Field R_THROTTLE = RESP.field("ThrottleTimeMs");
    private static final Field R_TOPICS = RESP.field("Responses");
    private static final Field R_NAME = RESP.field("Responses.Name");
    private static final Field R_TOPIC_ID = RESP.field("Responses.TopicId");
    private static final Field R_PARTITIONS = RESP.field("Responses.PartitionResponses");
    private static final Field R_INDEX = RESP.field("Responses.PartitionResponses.Index");
    private static final Field R_ERROR = RESP.field("Responses.PartitionResponses.ErrorCode");
    private static final Field R_BASE_OFFSET = RESP.field("Responses.PartitionResponses.BaseOffset");
    private static final Field R_APPEND_TIME = RESP.field("Responses.PartitionResponses.LogAppendTimeMs");
    private static final Field R_LOG_START = RESP.field("Responses.PartitionResponses.LogStartOffset");
    private static final Field R_ERROR_MESSAGE = RESP.field("Responses.PartitionResponses.ErrorMessage");

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
        short acks = request.getShort(ACKS);
        Errors requestError = null;
        String requestMessage = null;
        if (acks != 0 && acks != 1 && acks != -1) {
            requestError = Errors.INVALID_REQUIRED_ACKS;
        } else if (request.getString(TRANSACTIONAL_ID) != null) {
            requestError = Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED;
            requestMessage = "Transactions are not supported by this broker yet.";
        }

        Struct response = RESP.newStruct().setInt(R_THROTTLE, 0);
        List<CompletableFuture<Void>> appends = new ArrayList<>();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        for (Struct topicData : request.getStructArray(TOPIC_DATA)) {
            TopicInfo topic = version >= 13 ? topics.get(topicData.getUuid(TOPIC_ID)) : topics.get(topicData.getString(NAME));
            Struct topicOut = response.addStruct(R_TOPICS)
                    .set(R_NAME, topicData.getString(NAME))
                    .set(R_TOPIC_ID, topicData.getUuid(TOPIC_ID));
            if (topic == null && version < 13 && requestError == null && autoCreateEnabled) {
                // The producer retries after refreshing its metadata, by which time the topic exists.
                controller.autoCreate(topicData.getString(NAME));
            }
            for (Struct partitionData : topicData.getStructArray(PARTITION_DATA)) {
                int index = partitionData.getInt(INDEX);
                Struct out = topicOut.addStruct(R_PARTITIONS).setInt(R_INDEX, index).setLong(R_BASE_OFFSET, -1L);
                Errors error = requestError;
                String message = requestMessage;
                Partition partition = topic == null ? null : partitions.get(topic.name(), index);
                Records records = partitionData.getRecords(RECORDS);
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
        out.setInt(R_ERROR, Errors.NONE.code())
                .setLong(R_BASE_OFFSET, info.firstOffset())
                .setLong(R_APPEND_TIME, info.logAppendTimeMs())
                .setLong(R_LOG_START, info.logStartOffset());
    }

    private static void fail(Struct out, Errors error, String message, AtomicReference<String> firstFailure,
                             Struct topicData, int index) {
        out.setInt(R_ERROR, error.code()).set(R_ERROR_MESSAGE, message);
        firstFailure.compareAndSet(null, error.name() + " on " + topicData.getString(NAME) + "-" + index);
    }
}
