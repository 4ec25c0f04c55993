package dev.millrace.streams.state.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.internals.metrics.StateStoreMetrics;
import dev.millrace.streams.state.internals.metrics.StateStoreMetrics.Op;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/** The outermost layer of a session store: serdes and metrics, as {@link MeteredWindowStore}. */
public class MeteredSessionStore<K, AGG> extends MeteredStore<SessionStore<Bytes, byte[]>, K, AGG> implements SessionStore<K, AGG> {
    public MeteredSessionStore(SessionStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<AGG> valueSerde) {
        this(inner, null, keySerde, valueSerde);
    }

    /** {@code metricsScope}: the supplier's, naming the store type tag ({@code <scope>-state-id}); null for no metrics. */
    public MeteredSessionStore(SessionStore<Bytes, byte[]> inner, String metricsScope, Serde<K> keySerde, Serde<AGG> valueSerde) {
        super(inner, metricsScope, StateStoreMetrics.SESSION_OPS, keySerde, valueSerde);
    }

    private Windowed<Bytes> sessionBytes(Windowed<K> sessionKey) {
        Objects.requireNonNull(sessionKey, "sessionKey cannot be null");
        return new Windowed<>(keyBytes(sessionKey.key()), sessionKey.window());
    }

    private KeyValueIterator<Windowed<K>, AGG> sessions(KeyValueIterator<Windowed<Bytes>, byte[]> it) {
        return metrics().iterator(Op.FETCH, metrics().start(Op.FETCH),
                new MappedKeyValueIterator<>(it, w -> new Windowed<>(key(w.key()), w.window()), this::value));
    }

    @Override
    public void put(Windowed<K> sessionKey, AGG aggregate) {
        long start = metrics().start(Op.PUT);
        inner.put(sessionBytes(sessionKey), valueBytes(aggregate));
        metrics().end(Op.PUT, start);
        recordE2ELatency();
    }

    @Override
    public void remove(Windowed<K> sessionKey) {
        long start = metrics().start(Op.REMOVE);
        inner.remove(sessionBytes(sessionKey));
        metrics().end(Op.REMOVE, start);
    }

    @Override
    public AGG fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        long start = metrics().start(Op.FETCH);
        AGG v = value(inner.fetchSession(keyBytes(key), sessionStartTime, sessionEndTime));
        metrics().end(Op.FETCH, start);
        return v;
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        return sessions(inner.findSessions(earliestSessionEndTime, latestSessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime, long latestSessionStartTime) {
        return sessions(inner.findSessions(keyBytes(key), earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, long earliestSessionEndTime, long latestSessionStartTime) {
        return sessions(inner.backwardFindSessions(keyBytes(key), earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return sessions(inner.findSessions(boundBytes(keyFrom), boundBytes(keyTo), earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return sessions(inner.backwardFindSessions(boundBytes(keyFrom), boundBytes(keyTo), earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K key) {
        return sessions(inner.fetch(keyBytes(key)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFetch(K key) {
        return sessions(inner.backwardFetch(keyBytes(key)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo) {
        return sessions(inner.fetch(boundBytes(keyFrom), boundBytes(keyTo)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFetch(K keyFrom, K keyTo) {
        return sessions(inner.backwardFetch(boundBytes(keyFrom), boundBytes(keyTo)));
    }
}
