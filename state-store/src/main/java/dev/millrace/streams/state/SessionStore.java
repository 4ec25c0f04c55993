package dev.millrace.streams.state;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.StateStore;

import java.time.Instant;

/**
 * A store of aggregates per session (key and {@code [start, end]}), as Kafka Streams' {@code SessionStore}. Sessions
 * expire once their end is older than the retention period relative to the largest session end put so far.
 *
 * <p>Order of results: a RocksDB store returns time segment by time segment (segments by session end) and, inside a
 * segment, by stored key bytes ({@code [key][end][start]}), as Kafka Streams; an in-memory store by end, key, start.
 */
public interface SessionStore<K, AGG> extends StateStore, ReadOnlySessionStore<K, AGG> {
    /** Sessions with {@code earliestSessionEndTime <= end <= latestSessionEndTime}, for any key. */
    default KeyValueIterator<Windowed<K>, AGG> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        throw new UnsupportedOperationException("This API is not supported by this implementation of SessionStore.");
    }

    @Override
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K key, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        return findSessions(key, InstantArgs.millis(earliestSessionEndTime, "earliestSessionEndTime"),
                InstantArgs.millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        return backwardFindSessions(key, InstantArgs.millis(earliestSessionEndTime, "earliestSessionEndTime"),
                InstantArgs.millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        return findSessions(keyFrom, keyTo, InstantArgs.millis(earliestSessionEndTime, "earliestSessionEndTime"),
                InstantArgs.millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    @Override
    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        return backwardFindSessions(keyFrom, keyTo, InstantArgs.millis(earliestSessionEndTime, "earliestSessionEndTime"),
                InstantArgs.millis(latestSessionStartTime, "latestSessionStartTime"));
    }

    @Override
    default AGG fetchSession(K key, Instant sessionStartTime, Instant sessionEndTime) {
        return fetchSession(key, InstantArgs.millis(sessionStartTime, "sessionStartTime"),
                InstantArgs.millis(sessionEndTime, "sessionEndTime"));
    }

    /** Removes the session. */
    void remove(Windowed<K> sessionKey);

    /** Puts the aggregate of a session; a null aggregate removes it. A session already expired is dropped. */
    void put(Windowed<K> sessionKey, AGG aggregate);
}
