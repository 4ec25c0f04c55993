package dev.millrace.broker.handler;

import dev.millrace.broker.log.FetchDataInfo;
import dev.millrace.broker.log.LogOffsetMetadata;
import dev.millrace.broker.metadata.TopicInfo;
import dev.millrace.broker.metadata.TopicRegistry;
import dev.millrace.broker.partition.Partition;
import dev.millrace.broker.partition.PartitionManager;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.message.FetchMessages;
import dev.millrace.broker.protocol.types.ByteBufRecords;
import dev.millrace.broker.protocol.types.Field;
import dev.millrace.broker.protocol.types.FileRecords;
import dev.millrace.broker.protocol.types.MessageSchema;
import dev.millrace.broker.protocol.types.Struct;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Fetch: reads whole batches from each partition's files up to the high watermark, and hands the file
 * ranges to the response unread, to be sent with sendfile. When fewer than {@code MinBytes} are available
 * the request parks as a {@link DelayedFetch} until an append brings enough data or {@code MaxWaitMs}
 * passes. Incremental fetch sessions (KIP-227) are kept in a {@link FetchSessionCache}: a full fetch with
 * epoch 0 opens one, an incremental fetch is answered with only the session's partitions that changed
 * ({@link FetchSession}), and epoch -1 closes it.
 */
final class FetchHandler implements RequestHandler {
    private static final byte READ_COMMITTED = 1;
    /** An empty records value shared by every partition answered without data (it is never released). */
    private static final ByteBufRecords NO_RECORDS = new ByteBufRecords(Unpooled.EMPTY_BUFFER);

    // Field handles, resolved once: the fetch path reads and writes fields without name lookups or boxing
    // (those FetchSession uses too are package-private).
    private static final MessageSchema REQ = FetchMessages.REQUEST;
    private static final Field SESSION_ID = REQ.field("SessionId");
    private static final Field SESSION_EPOCH = REQ.field("SessionEpoch");
    /** Session epochs with a meaning of their own (KIP-227): open a new session, or use none. */
    private static final int INITIAL_EPOCH = 0;
    private static final int FINAL_EPOCH = -1;
    private static final Field ISOLATION_LEVEL = REQ.field("IsolationLevel");
    private static final Field MAX_BYTES = REQ.field("MaxBytes");
    private static final Field MAX_WAIT_MS = REQ.field("MaxWaitMs");
    private static final Field MIN_BYTES = REQ.field("MinBytes");
    static final Field TOPICS = REQ.field("Topics");
    static final Field TOPIC = REQ.field("Topics.Topic");
    private static final Field TOPIC_ID = REQ.field("Topics.TopicId");
    static final Field PARTITIONS = REQ.field("Topics.Partitions");
    static final Field PARTITION = REQ.field("Topics.Partitions.Partition");
    static final Field FETCH_OFFSET = REQ.field("Topics.Partitions.FetchOffset");
    static final Field PARTITION_MAX_BYTES = REQ.field("Topics.Partitions.PartitionMaxBytes");
    static final Field CURRENT_LEADER_EPOCH = REQ.field("Topics.Partitions.CurrentLeaderEpoch");
    static final Field LAST_FETCHED_EPOCH = REQ.field("Topics.Partitions.LastFetchedEpoch");

    private static final MessageSchema RESP = FetchMessages.RESPONSE;
    private static final Field R_THROTTLE = RESP.field("ThrottleTimeMs");
    private static final Field R_ERROR = RESP.field("ErrorCode");
    private static final Field R_SESSION_ID = RESP.field("SessionId");
    static final Field R_TOPICS = RESP.field("Responses");
    private static final Field R_TOPIC = RESP.field("Responses.Topic");
    private static final Field R_TOPIC_ID = RESP.field("Responses.TopicId");
    static final Field R_PARTITIONS = RESP.field("Responses.Partitions");
    private static final Field R_INDEX = RESP.field("Responses.Partitions.PartitionIndex");
    static final Field R_P_ERROR = RESP.field("Responses.Partitions.ErrorCode");
    static final Field R_HIGH_WATERMARK = RESP.field("Responses.Partitions.HighWatermark");
    private static final Field R_LAST_STABLE = RESP.field("Responses.Partitions.LastStableOffset");
    static final Field R_LOG_START = RESP.field("Responses.Partitions.LogStartOffset");
    private static final Field R_ABORTED = RESP.field("Responses.Partitions.AbortedTransactions");
    private static final Field R_PREFERRED_REPLICA = RESP.field("Responses.Partitions.PreferredReadReplica");
    static final Field R_RECORDS = RESP.field("Responses.Partitions.Records");
    static final Field R_DIVERGING = RESP.field("Responses.Partitions.DivergingEpoch");

    private final TopicRegistry topics;
    private final PartitionManager partitions;
    private final ScheduledExecutorService timer;
    private final FetchSessionCache sessions = new FetchSessionCache();

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
        int sessionId = version >= 7 ? request.getInt(SESSION_ID) : 0;
        int epoch = version >= 7 ? request.getInt(SESSION_EPOCH) : FINAL_EPOCH;
        if (epoch == FINAL_EPOCH || epoch == INITIAL_EPOCH) {
            // A full fetch closes the session it names; epoch 0 asks for a new one, -1 for none.
            if (sessionId != 0) {
                sessions.remove(sessionId);
            }
            List<Wanted> wanted = resolve(request, version);
            if (epoch == FINAL_EPOCH) {
                return fetch(request, version, wanted);
            }
            List<FetchSession.Cached> cached = FetchSession.fromRequest(request);
            return fetch(request, version, wanted).thenApply(response -> openSession(cached, response));
        }
        FetchSession session = sessions.get(sessionId);
        if (session == null) {
            return sessionError(Errors.FETCH_SESSION_ID_NOT_FOUND);
        }
        List<FetchSession.Cached> cached;
        List<Wanted> wanted;
        synchronized (session) {
            if (session.epoch() != epoch) {
                return sessionError(Errors.INVALID_FETCH_SESSION_EPOCH);
            }
            session.update(request, System.currentTimeMillis());
            if (session.isEmpty()) {
                // Everything forgotten: Kafka drops the session and answers the request as sessionless.
                sessions.remove(sessionId);
                return fetch(request, version, resolve(request, version));
            }
            cached = session.partitions();
            wanted = resolve(cached, version);
        }
        return fetch(request, version, wanted)
                .thenApply(response -> session.prune(cached, response).setInt(R_SESSION_ID, session.id));
    }

    /** Reads {@code wanted} now, or parks until {@code MinBytes} are there or {@code MaxWaitMs} passes. */
    private CompletableFuture<Struct> fetch(Struct request, short version, List<Wanted> wanted) {
        boolean readCommitted = version >= 4 && request.getByte(ISOLATION_LEVEL) == READ_COMMITTED;
        int maxBytes = version >= 3 ? request.getInt(MAX_BYTES) : Integer.MAX_VALUE;
        FetchReader reader = new FetchReader(wanted, maxBytes, readCommitted);

        FetchReader.Result first = reader.read();
        int maxWaitMs = request.getInt(MAX_WAIT_MS);
        int minBytes = request.getInt(MIN_BYTES);
        if (maxWaitMs <= 0 || first.bytes() >= minBytes || first.hasError() || wanted.isEmpty()) {
            return CompletableFuture.completedFuture(first.response());
        }
        return new DelayedFetch(reader, wanted, minBytes).park(timer, maxWaitMs);
    }

    /** Caches the partitions of a full fetch as a new session, unless the cache is full (then id 0). */
    private Struct openSession(List<FetchSession.Cached> cached, Struct response) {
        FetchSession session = sessions.create(System.currentTimeMillis());
        if (session != null) {
            session.created(cached, response);
            response.setInt(R_SESSION_ID, session.id);
        }
        return response;
    }

    private static CompletableFuture<Struct> sessionError(Errors error) {
        return CompletableFuture.completedFuture(RESP.newStruct()
                .setInt(R_THROTTLE, 0)
                .setInt(R_ERROR, error.code())
                .setInt(R_SESSION_ID, 0));
    }

    private List<Wanted> resolve(Struct request, short version) {
        List<Wanted> out = new ArrayList<>();
        for (Struct topicRequest : request.getStructArray(TOPICS)) {
            TopicInfo topic = version >= 13 ? topics.get(topicRequest.getUuid(TOPIC_ID))
                    : topics.get(topicRequest.getString(TOPIC));
            for (Struct p : topicRequest.getStructArray(PARTITIONS)) {
                out.add(wanted(topicRequest, topic, version, p.getInt(PARTITION), p.getLong(FETCH_OFFSET),
                        p.getInt(PARTITION_MAX_BYTES), p.getInt(CURRENT_LEADER_EPOCH), p.getInt(LAST_FETCHED_EPOCH)));
            }
        }
        return out;
    }

    /** The partitions of an incremental fetch's session; each topic gets one stand-in request struct. */
    private List<Wanted> resolve(List<FetchSession.Cached> cached, short version) {
        List<Wanted> out = new ArrayList<>(cached.size());
        Struct topicRequest = null;
        TopicInfo topic = null;
        for (FetchSession.Cached c : cached) {
            if (topicRequest == null || !topicRequest.getString(TOPIC).equals(c.key.topic())) {
                topicRequest = REQ.newStruct().newStruct("Topics").set(TOPIC, c.key.topic());
                topic = topics.get(c.key.topic());
            }
            out.add(wanted(topicRequest, topic, version, c.key.partition(), c.fetchOffset, c.partitionMaxBytes,
                    c.currentLeaderEpoch, c.lastFetchedEpoch));
        }
        return out;
    }

    private Wanted wanted(Struct topicRequest, TopicInfo topic, short version, int index, long fetchOffset,
                          int partitionMaxBytes, int currentLeaderEpoch, int lastFetchedEpoch) {
        Partition partition = topic == null ? null : partitions.get(topic.name(), index);
        Errors error = null;
        if (partition == null) {
            error = topic == null && version >= 13 ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
        }
        return new Wanted(topicRequest, index, partition, error, fetchOffset, partitionMaxBytes, currentLeaderEpoch,
                lastFetchedEpoch);
    }

    /** Builds the response from the current state of the logs; run again each time a parked fetch retries. */
    static final class FetchReader {
        record Result(Struct response, int bytes, boolean hasError) {
        }

        private final List<Wanted> wanted;
        private final int maxBytes;
        private final boolean readCommitted;
        /**
         * Per wanted partition, where in the log its fetch offset was found by the first read: the segment's
         * base offset (-1 when unknown) and the byte position in it. A parked fetch counts the bytes appended
         * since from these and the high watermark's position, without reading the log.
         */
        private final long[] fetchSegments;
        private final int[] fetchPositions;
        private boolean positionsNoted;

        FetchReader(List<Wanted> wanted, int maxBytes, boolean readCommitted) {
            this.wanted = wanted;
            this.maxBytes = maxBytes;
            this.readCommitted = readCommitted;
            this.fetchSegments = new long[wanted.size()];
            this.fetchPositions = new int[wanted.size()];
            Arrays.fill(fetchSegments, -1L);
        }

        /** Reads every wanted partition; the first call also notes where each fetch offset lies in its log. */
        Result read() {
            boolean notePositions = !positionsNoted;
            positionsNoted = true;
            Struct response = RESP.newStruct()
                    .setInt(R_THROTTLE, 0)
                    .setInt(R_ERROR, Errors.NONE.code())
                    .setInt(R_SESSION_ID, 0);
            int remaining = maxBytes;
            int total = 0;
            boolean hasError = false;
            boolean minOneMessage = true;
            Struct topicOut = null;
            Struct lastTopicRequest = null;
            for (int i = 0; i < wanted.size(); i++) {
                Wanted w = wanted.get(i);
                if (w.topicRequest() != lastTopicRequest) {
                    lastTopicRequest = w.topicRequest();
                    topicOut = response.addStruct(R_TOPICS)
                            .set(R_TOPIC, w.topicRequest().getString(TOPIC))
                            .set(R_TOPIC_ID, w.topicRequest().getUuid(TOPIC_ID));
                }
                Struct out = topicOut.addStruct(R_PARTITIONS)
                        .setInt(R_INDEX, w.index())
                        .setLong(R_HIGH_WATERMARK, -1L)
                        .setLong(R_LAST_STABLE, -1L)
                        .setLong(R_LOG_START, -1L)
                        .set(R_ABORTED, null)
                        .setInt(R_PREFERRED_REPLICA, -1)
                        .set(R_RECORDS, NO_RECORDS);
                Errors error = w.error() != null ? w.error()
                        : readPartition(w, out, Math.max(remaining, 0), minOneMessage, notePositions ? i : -1);
                out.setInt(R_P_ERROR, error.code());
                if (error != Errors.NONE) {
                    hasError = true;
                    continue;
                }
                int size = out.getRecords(R_RECORDS).sizeInBytes();
                if (size > 0) {
                    minOneMessage = false;
                    remaining -= size;
                    total += size;
                }
            }
            return new Result(response, total, hasError);
        }

        /** {@code slot} is where to note the fetch position, or -1. */
        private Errors readPartition(Wanted w, Struct out, int limit, boolean minOneMessage, int slot) {
            Partition partition = w.partition();
            Errors fenced = PartitionLookup.checkLeaderEpoch(partition, w.currentLeaderEpoch());
            if (fenced != null) {
                return fenced;
            }
            long highWatermark = partition.highWatermark();
            out.setLong(R_HIGH_WATERMARK, highWatermark)
                    .setLong(R_LAST_STABLE, highWatermark)
                    .setLong(R_LOG_START, partition.logStartOffset());
            if (readCommitted) {
                // No transactions exist yet, so nothing is ever aborted.
                out.set(R_ABORTED, List.of());
            }
            if (w.lastFetchedEpoch() >= 0) {
                var end = partition.log().leaderEpochCache().endOffsetFor(w.lastFetchedEpoch(), partition.logEndOffset());
                if (end.epoch() < w.lastFetchedEpoch() || end.endOffset() < w.fetchOffset()) {
                    out.set(R_DIVERGING, out.newStruct("DivergingEpoch")
                            .set("Epoch", end.epoch()).set("EndOffset", end.endOffset()));
                    return Errors.NONE;
                }
            }
            if (w.fetchOffset() < partition.logStartOffset() || w.fetchOffset() > partition.logEndOffset()) {
                return Errors.OFFSET_OUT_OF_RANGE;
            }
            int partitionLimit = Math.min(w.partitionMaxBytes(), limit);
            try {
                LogOffsetMetadata hwBefore = partition.highWatermarkMetadata();
                FetchDataInfo data = partition.read(w.fetchOffset(), partitionLimit, minOneMessage);
                if (data.size() > 0) {
                    out.set(R_RECORDS, new FileRecords(data.channel(), data.position(), data.size()));
                }
                if (slot >= 0) {
                    notePosition(slot, w, data, hwBefore);
                }
                return Errors.NONE;
            } catch (RuntimeException e) {
                return ErrorMapping.toError(e);
            }
        }

        private void notePosition(int slot, Wanted w, FetchDataInfo data, LogOffsetMetadata hwBefore) {
            if (data.size() > 0) {
                fetchSegments[slot] = data.segmentBaseOffset();
                fetchPositions[slot] = (int) data.position();
            } else if (hwBefore.offset() == w.fetchOffset()) {
                // caught up: the next batch of this partition will start where the high watermark was
                fetchSegments[slot] = hwBefore.segmentBaseOffset();
                fetchPositions[slot] = hwBefore.position();
            }
        }

        /**
         * How many bytes the wanted partitions hold between their fetch positions and their high watermarks,
         * each capped at its partition limit, from positions alone (no read of the log). Partitions whose
         * bytes cannot be counted that way are left out: see {@link #hasUncountedData()}.
         */
        long countedBytes() {
            long total = 0;
            for (int i = 0; i < wanted.size(); i++) {
                Wanted w = wanted.get(i);
                if (w.partition() == null) {
                    continue;
                }
                LogOffsetMetadata hw = w.partition().highWatermarkMetadata();
                if (hw.offset() > w.fetchOffset() && hw.segmentBaseOffset() == fetchSegments[i]) {
                    total += Math.min(Math.max(hw.position() - fetchPositions[i], 0), w.partitionMaxBytes());
                }
            }
            return total;
        }

        /**
         * Whether a partition has data past its fetch offset that {@link #countedBytes()} cannot count: its
         * position was not noted, or its high watermark has moved on to a later segment. Only a read tells.
         */
        boolean hasUncountedData() {
            for (int i = 0; i < wanted.size(); i++) {
                Wanted w = wanted.get(i);
                if (w.partition() == null) {
                    continue;
                }
                LogOffsetMetadata hw = w.partition().highWatermarkMetadata();
                if (hw.offset() > w.fetchOffset() && hw.segmentBaseOffset() != fetchSegments[i]) {
                    return true;
                }
            }
            return false;
        }
    }
}
