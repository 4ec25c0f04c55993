package dev.millrace.streams.state;

import dev.millrace.streams.kstream.Windowed;

import java.time.Instant;

/**
 * The read side of a session store, as Kafka Streams' {@code ReadOnlySessionStore}. Sessions are keyed by their key
 * and {@code [start, end]} window; a search {@code (earliestSessionEndTime, latestSessionStartTime)} returns the
 * sessions with {@code end >= earliestSessionEndTime} and {@code start <= latestSessionStartTime}, i.e. those that
 * overlap or touch that interval. Instant arguments must fit in epoch milliseconds.
 */
public interface ReadOnlySessionStore<K, AGG> {
    String UNSUPPORTED = "This API is not supported by this implementation of ReadOnlySessionStore.";

    default KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime, long latestSessionStartTime) {
        throw new UnsupportedOperationException(UNSUPPORTED);
    }

    default KeyValueIterator<Windowed<K>, AGG> findSessions(K key, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        throw new UnsupportedOperationException(UNSUPPORTED);
    }

    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, long earliestSessionEndTime, long latestSessionStartTime) {
        throw new UnsupportedOperationException(UNSUPPORTED);
    }

    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        throw new UnsupportedOperationException(UNSUPPORTED);
    }

    default KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        throw new UnsupportedOperationException(UNSUPPORTED);
    }

    default KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        throw new UnsupportedOperationException(UNSUPPORTED);
    }

    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        throw new UnsupportedOperationException(UNSUPPORTED);
    }

    default KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        throw new UnsupportedOperationException(UNSUPPORTED);
    }

    /** The aggregate of the session of {@code key} that is exactly {@code [sessionStartTime, sessionEndTime]}, or null. */
    default AGG fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        throw new UnsupportedOperationException(UNSUPPORTED);
    }

    default AGG fetchSession(K key, Instant sessionStartTime, Instant sessionEndTime) {
        throw new UnsupportedOperationException(UNSUPPORTED);
    }

    /** Every live session of {@code key}. */
    KeyValueIterator<Windowed<K>, AGG> fetch(K key);

    default KeyValueIterator<Windowed<K>, AGG> backwardFetch(K key) {
        throw new UnsupportedOperationException(UNSUPPORTED);
    }

    /** Every live session of the keys in {@code [keyFrom, keyTo]} (serialized bytes; null is open). */
    KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo);

    default KeyValueIterator<Windowed<K>, AGG> backwardFetch(K keyFrom, K keyTo) {
        throw new UnsupportedOperationException(UNSUPPORTED);
    }
}
