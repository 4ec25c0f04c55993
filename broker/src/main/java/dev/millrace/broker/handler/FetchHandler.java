package dev.millrace.broker.handler;

import dev.millrace.broker.log.FetchDataInfo;
import dev.millrace.broker.metadata.TopicInfo;
import dev.millrace.broker.metadata.TopicRegistry;
import dev.millrace.broker.partition.Partition;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.ByteBufRecords;
import dev.millrace.broker.protocol.types.FileRecords;
import dev.millrace.broker.protocol.types.Struct;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Fetch: reads whole batches from each partition's files up to the high watermark, and hands the file
 * ranges to the response unread, to be sent with sendfile. When fewer than {@code MinBytes} are available
 * the request parks as a {@link DelayedFetch} until an append brings enough data or {@code MaxWaitMs}
 * passes. Fetch sessions are not kept: every answer carries session id 0, which tells clients to send full
 * fetches (KIP-227 allows this).
 */
final class FetchHandler implements RequestHandler {
    private static final byte READ_COMMITTED = 1;

    private final TopicRegistry topics;
    private final PartitionManager partitions;
    private final ScheduledExecutorService timer;

    FetchHandler(TopicRegistry topics, PartitionManager partitions, ScheduledExecutorService timer) {
        this.topics = topics;
        this.partitions = partitions;
        this.timer = timer;
    }

    /** One partition of a fetch request, resolved once. {@code partition} is null when {@code error} is set. */
    record Wanted(Struct topicRequest, int index, Partition partition, Errors error, long fetchOffset,
                  int partitionMaxBytes, int currentLeaderEpoch, int lastFetchedEpoch) {
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        short version = context.version();
        if (version >= 7 && request.getInt("SessionId") != 0) {
            Struct response = context.api().response().newStruct()
                    .set("ThrottleTimeMs", 0)
                    .set("ErrorCode", Errors.FETCH_SESSION_ID_NOT_FOUND.code())
                    .set("SessionId", 0);
            return CompletableFuture.completedFuture(response);
        }
        List<Wanted> wanted = resolve(request, version);
        boolean readCommitted = version >= 4 && request.getByte("IsolationLevel") == READ_COMMITTED;
        int maxBytes = version >= 3 ? request.getInt("MaxBytes") : Integer.MAX_VALUE;
        FetchReader reader = new FetchReader(context, wanted, maxBytes, readCommitted);

        FetchReader.Result first = reader.read();
        int maxWaitMs = request.getInt("MaxWaitMs");
        int minBytes = request.getInt("MinBytes");
        if (maxWaitMs <= 0 || first.bytes() >= minBytes || first.hasError() || wanted.isEmpty()) {
            return CompletableFuture.completedFuture(first.response());
        }
        return new DelayedFetch(reader, wanted, minBytes).park(timer, maxWaitMs);
    }

    private List<Wanted> resolve(Struct request, short version) {
        List<Wanted> out = new ArrayList<>();
        for (Struct topicRequest : request.getStructArray("Topics")) {
            TopicInfo topic = version >= 13 ? topics.get(topicRequest.getUuid("TopicId"))
                    : topics.get(topicRequest.getString("Topic"));
            for (Struct p : topicRequest.getStructArray("Partitions")) {
                int index = p.getInt("Partition");
                Partition partition = topic == null ? null : partitions.get(topic.name(), index);
                Errors error = null;
                if (partition == null) {
                    error = topic == null && version >= 13 ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
                }
                out.add(new Wanted(topicRequest, index, partition, error, p.getLong("FetchOffset"),
                        p.getInt("PartitionMaxBytes"), p.getInt("CurrentLeaderEpoch"), p.getInt("LastFetchedEpoch")));
            }
        }
        return out;
    }

    /** Builds the response from the current state of the logs; run again each time a parked fetch retries. */
    static final class FetchReader {
        record Result(Struct response, int bytes, boolean hasError) {
        }

        private final RequestContext context;
        private final List<Wanted> wanted;
        private final int maxBytes;
        private final boolean readCommitted;

        FetchReader(RequestContext context, List<Wanted> wanted, int maxBytes, boolean readCommitted) {
            this.context = context;
            this.wanted = wanted;
            this.maxBytes = maxBytes;
            this.readCommitted = readCommitted;
        }

        Result read() {
            Struct response = context.api().response().newStruct()
                    .set("ThrottleTimeMs", 0)
                    .set("ErrorCode", Errors.NONE.code())
                    .set("SessionId", 0);
            int remaining = maxBytes;
            int total = 0;
            boolean hasError = false;
            boolean minOneMessage = true;
            Struct topicOut = null;
            Struct lastTopicRequest = null;
            for (Wanted w : wanted) {
                if (w.topicRequest() != lastTopicRequest) {
                    lastTopicRequest = w.topicRequest();
                    topicOut = response.addStruct("Responses")
                            .set("Topic", w.topicRequest().getString("Topic"))
                            .set("TopicId", w.topicRequest().getUuid("TopicId"));
                }
                Struct out = topicOut.addStruct("Partitions")
                        .set("PartitionIndex", w.index())
                        .set("HighWatermark", -1L)
                        .set("LastStableOffset", -1L)
                        .set("LogStartOffset", -1L)
                        .set("AbortedTransactions", null)
                        .set("PreferredReadReplica", -1)
                        .set("Records", new ByteBufRecords(Unpooled.EMPTY_BUFFER));
                Errors error = w.error() != null ? w.error() : readPartition(w, out, Math.max(remaining, 0), minOneMessage);
                out.set("ErrorCode", error.code());
                if (error != Errors.NONE) {
                    hasError = true;
                    continue;
                }
                int size = out.getRecords("Records").sizeInBytes();
                if (size > 0) {
                    minOneMessage = false;
                    remaining -= size;
                    total += size;
                }
            }
            return new Result(response, total, hasError);
        }

        private Errors readPartition(Wanted w, Struct out, int limit, boolean minOneMessage) {
            Partition partition = w.partition();
            Errors fenced = PartitionLookup.checkLeaderEpoch(partition, w.currentLeaderEpoch());
            if (fenced != null) {
                return fenced;
            }
            long highWatermark = partition.highWatermark();
            out.set("HighWatermark", highWatermark)
                    .set("LastStableOffset", highWatermark)
                    .set("LogStartOffset", partition.logStartOffset());
            if (readCommitted) {
                // No transactions exist yet, so nothing is ever aborted.
                out.set("AbortedTransactions", List.of());
            }
            if (w.lastFetchedEpoch() >= 0) {
                var end = partition.log().leaderEpochCache().endOffsetFor(w.lastFetchedEpoch(), partition.logEndOffset());
                if (end.epoch() < w.lastFetchedEpoch() || end.endOffset() < w.fetchOffset()) {
                    out.set("DivergingEpoch", out.newStruct("DivergingEpoch")
                            .set("Epoch", end.epoch()).set("EndOffset", end.endOffset()));
                    return Errors.NONE;
                }
            }
            if (w.fetchOffset() < partition.logStartOffset() || w.fetchOffset() > partition.logEndOffset()) {
                return Errors.OFFSET_OUT_OF_RANGE;
            }
            int partitionLimit = Math.min(w.partitionMaxBytes(), limit);
            try {
                FetchDataInfo data = partition.read(w.fetchOffset(), partitionLimit, minOneMessage);
                if (data.size() > 0) {
                    out.set("Records", new FileRecords(data.channel(), data.position(), data.size()));
                }
                return Errors.NONE;
            } catch (RuntimeException e) {
                return ErrorMapping.toError(e);
            }
        }

        /** Whether any wanted partition has data past its fetch offset; a cheap test before a full read. */
        boolean anyDataAvailable() {
            for (Wanted w : wanted) {
                if (w.partition() != null && w.partition().highWatermark() > w.fetchOffset()) {
                    return true;
                }
            }
            return false;
        }
    }
}
