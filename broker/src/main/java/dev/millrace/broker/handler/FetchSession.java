package dev.millrace.broker.handler;

import static dev.millrace.broker.handler.FetchHandler.CURRENT_LEADER_EPOCH;
import static dev.millrace.broker.handler.FetchHandler.FETCH_OFFSET;
import static dev.millrace.broker.handler.FetchHandler.LAST_FETCHED_EPOCH;
import static dev.millrace.broker.handler.FetchHandler.PARTITION;
import static dev.millrace.broker.handler.FetchHandler.PARTITIONS;
import static dev.millrace.broker.handler.FetchHandler.PARTITION_MAX_BYTES;
import static dev.millrace.broker.handler.FetchHandler.R_DIVERGING;
import static dev.millrace.broker.handler.FetchHandler.R_HIGH_WATERMARK;
import static dev.millrace.broker.handler.FetchHandler.R_LOG_START;
import static dev.millrace.broker.handler.FetchHandler.R_PARTITIONS;
import static dev.millrace.broker.handler.FetchHandler.R_P_ERROR;
import static dev.millrace.broker.handler.FetchHandler.R_RECORDS;
import static dev.millrace.broker.handler.FetchHandler.R_TOPICS;
import static dev.millrace.broker.handler.FetchHandler.TOPIC;
import static dev.millrace.broker.handler.FetchHandler.TOPICS;

import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.message.FetchMessages;
import dev.millrace.broker.protocol.types.Field;
import dev.millrace.broker.protocol.types.Struct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An incremental fetch session (KIP-227): the partitions a client fetches, with its last fetch parameters
 * and the high watermark and log start offset it was last told. An incremental request names only what
 * changed (added or altered partitions, forgotten ones); its response carries only the partitions with
 * something new (records, an error, a moved high watermark or log start, a diverging epoch), so a client's
 * view of a partition is never answered with a partition it no longer fetches. Every method runs under the
 * session's lock: a client never has two requests of one session in flight, but a parked fetch answers on
 * another thread.
 */
final class FetchSession {
    private static final Field FORGOTTEN = FetchMessages.REQUEST.field("ForgottenTopicsData");

    record Key(String topic, int partition) {
    }

    /** One partition of the session: the client's fetch parameters and what it was last answered. */
    static final class Cached {
        final Key key;
        long fetchOffset;
        int partitionMaxBytes;
        int currentLeaderEpoch;
        int lastFetchedEpoch;
        long highWatermark = -1;
        long logStartOffset = -1;

        Cached(Key key) {
            this.key = key;
        }

        void request(Struct p) {
            fetchOffset = p.getLong(FETCH_OFFSET);
            partitionMaxBytes = p.getInt(PARTITION_MAX_BYTES);
            currentLeaderEpoch = p.getInt(CURRENT_LEADER_EPOCH);
            lastFetchedEpoch = p.getInt(LAST_FETCHED_EPOCH);
        }

        /** Whether {@code out} must be sent; notes what the client is told. Kafka's rules, field by field. */
        boolean mustRespond(Struct out) {
            boolean must = out.getRecords(R_RECORDS).sizeInBytes() > 0 || diverging(out);
            long hw = out.getLong(R_HIGH_WATERMARK);
            if (hw != highWatermark) {
                highWatermark = hw;
                must = true;
            }
            long logStart = out.getLong(R_LOG_START);
            if (logStart != logStartOffset) {
                logStartOffset = logStart;
                must = true;
            }
            if (out.getInt(R_P_ERROR) != Errors.NONE.code()) {
                // -1 makes the partition reappear once the error is gone
                highWatermark = -1;
                must = true;
            }
            return must;
        }

        /** A diverging epoch tells the client to truncate; an unset one is the default struct, epoch -1. */
        private static boolean diverging(Struct out) {
            Object diverging = out.getObject(R_DIVERGING);
            return diverging instanceof Struct s && s.getInt("Epoch") >= 0;
        }
    }

    final int id;
    private final Map<Key, Cached> partitions = new LinkedHashMap<>();
    /** The epoch the next incremental request must carry. */
    private int epoch = 1;
    private long lastUsedMs;

    FetchSession(int id, long nowMs) {
        this.id = id;
        this.lastUsedMs = nowMs;
    }

    /** The partitions of a full fetch request, in its order: what a session opened by it will hold. */
    static List<Cached> fromRequest(Struct request) {
        List<Cached> out = new ArrayList<>();
        for (Struct topic : request.getStructArray(TOPICS)) {
            for (Struct p : topic.getStructArray(PARTITIONS)) {
                Cached c = new Cached(new Key(topic.getString(TOPIC), p.getInt(PARTITION)));
                c.request(p);
                out.add(c);
            }
        }
        return out;
    }

    static int nextEpoch(int epoch) {
        return epoch == Integer.MAX_VALUE ? 1 : epoch + 1;
    }

    synchronized long lastUsedMs() {
        return lastUsedMs;
    }

    synchronized int epoch() {
        return epoch;
    }

    /** Adds or alters the request's partitions, then drops its forgotten ones (Kafka's order). */
    synchronized void update(Struct request, long nowMs) {
        lastUsedMs = nowMs;
        for (Struct topic : request.getStructArray(TOPICS)) {
            String name = topic.getString(TOPIC);
            for (Struct p : topic.getStructArray(PARTITIONS)) {
                partitions.computeIfAbsent(new Key(name, p.getInt(PARTITION)), Cached::new).request(p);
            }
        }
        List<Struct> forgotten = request.getStructArray(FORGOTTEN);
        if (forgotten != null) {
            for (Struct topic : forgotten) {
                List<Integer> indexes = topic.getArray("Partitions");
                for (int index : indexes) {
                    partitions.remove(new Key(topic.getString("Topic"), index));
                }
            }
        }
        epoch = nextEpoch(epoch);
    }

    synchronized boolean isEmpty() {
        return partitions.isEmpty();
    }

    /** The session's partitions, each topic's together, in the order the response will list them. */
    synchronized List<Cached> partitions() {
        Map<String, List<Cached>> byTopic = new LinkedHashMap<>();
        for (Cached c : partitions.values()) {
            byTopic.computeIfAbsent(c.key.topic(), t -> new ArrayList<>()).add(c);
        }
        List<Cached> out = new ArrayList<>(partitions.size());
        byTopic.values().forEach(out::addAll);
        return out;
    }

    /**
     * Notes the full response that created the session: {@code cached} lists its partitions in the
     * response's order.
     */
    synchronized void created(List<Cached> cached, Struct response) {
        int i = 0;
        for (Struct topic : response.getStructArray(R_TOPICS)) {
            for (Struct p : topic.getStructArray(R_PARTITIONS)) {
                Cached c = cached.get(i++);
                c.mustRespond(p);
                partitions.put(c.key, c);
            }
        }
    }

    /**
     * Drops from {@code response} (built for {@code cached}, in that order) the partitions with nothing new,
     * and moves those that returned records to the end of the session so that the others go first next time.
     */
    synchronized Struct prune(List<Cached> cached, Struct response) {
        List<Struct> topicsOut = new ArrayList<>();
        int i = 0;
        for (Struct topic : response.getStructArray(R_TOPICS)) {
            List<Struct> kept = new ArrayList<>();
            for (Struct p : topic.getStructArray(R_PARTITIONS)) {
                Cached c = cached.get(i++);
                if (c.mustRespond(p)) {
                    kept.add(p);
                    if (p.getRecords(R_RECORDS).sizeInBytes() > 0 && partitions.remove(c.key) != null) {
                        partitions.put(c.key, c);
                    }
                }
            }
            if (!kept.isEmpty()) {
                topic.set(R_PARTITIONS, kept);
                topicsOut.add(topic);
            }
        }
        return response.set(R_TOPICS, topicsOut);
    }
}
