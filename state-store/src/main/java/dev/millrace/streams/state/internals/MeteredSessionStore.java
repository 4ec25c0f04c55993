package dev.millrace.streams.state.internals;

import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.internals.metrics.StateStoreMetrics;
import dev.millrace.streams.state.internals.metrics.StateStoreMetrics.Op;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;

/** The outermost layer of a session store: serdes, as {@link MeteredWindowStore}. */
public class MeteredSessionStore<K, AGG> implements SessionStore<K, AGG> {
    private final SessionStore<Bytes, byte[]> inner;
    private Serde<K> keySerde;
    private Serde<AGG> valueSerde;
    private String topic;
    private final String metricsScope;
    private StateStoreMetrics metrics = StateStoreMetrics.NONE;
    private StateStoreContext context;

    public MeteredSessionStore(SessionStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<AGG> valueSerde) {
        this(inner, null, keySerde, valueSerde);
    }

    /** {@code metricsScope}: the supplier's, naming the store type tag ({@code <scope>-state-id}); null for no metrics. */
    public MeteredSessionStore(SessionStore<Bytes, byte[]> inner, String metricsScope, Serde<K> keySerde, Serde<AGG> valueSerde) {
        this.inner = inner;
        this.metricsScope = metricsScope;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    public SessionStore<Bytes, byte[]> wrapped() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (keySerde == null) keySerde = MeteredKeyValueStore.defaultSerde(context, MeteredKeyValueStore.DEFAULT_KEY_SERDE, true);
        if (valueSerde == null) valueSerde = MeteredKeyValueStore.defaultSerde(context, MeteredKeyValueStore.DEFAULT_VALUE_SERDE, false);
        topic = MeteredKeyValueStore.changelogTopic(context.applicationId(), name());
        this.context = context;
        metrics = StateStoreMetrics.openMeasuringRestore(context, metricsScope, name(), StateStoreMetrics.SESSION_OPS,
                () -> inner.init(context, root));
    }

    private Bytes keyBytes(K key) {
        if (keySerde == null) throw new InvalidStateStoreException("store " + name() + " is not initialised");
        return Bytes.wrap(keySerde.serializer().serialize(topic, Objects.requireNonNull(key, "key cannot be null")));
    }

    private Bytes boundBytes(K key) {
        return key == null ? null : keyBytes(key);
    }

    private Windowed<Bytes> sessionBytes(Windowed<K> sessionKey) {
        Objects.requireNonNull(sessionKey, "sessionKey cannot be null");
        return new Windowed<>(keyBytes(sessionKey.key()), sessionKey.window());
    }

    private AGG value(byte[] bytes) {
        return bytes == null ? null : valueSerde.deserializer().deserialize(topic, bytes);
    }

    private KeyValueIterator<Windowed<K>, AGG> sessions(KeyValueIterator<Windowed<Bytes>, byte[]> it) {
        return metrics.iterator(Op.FETCH, metrics.start(Op.FETCH), new MappedKeyValueIterator<>(it,
                w -> new Windowed<>(keySerde.deserializer().deserialize(topic, w.key().get()), w.window()), this::value));
    }

    @Override
    public void put(Windowed<K> sessionKey, AGG aggregate) {
        long start = metrics.start(Op.PUT);
        inner.put(sessionBytes(sessionKey), aggregate == null ? null : valueSerde.serializer().serialize(topic, aggregate));
        metrics.end(Op.PUT, start);
        metrics.recordE2ELatency(context);
    }

    @Override
    public void remove(Windowed<K> sessionKey) {
        long start = metrics.start(Op.REMOVE);
        inner.remove(sessionBytes(sessionKey));
        metrics.end(Op.REMOVE, start);
    }

    @Override
    public AGG fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        long start = metrics.start(Op.FETCH);
        AGG v = value(inner.fetchSession(keyBytes(key), sessionStartTime, sessionEndTime));
        metrics.end(Op.FETCH, start);
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

    @Override
    public void flush() {
        long start = metrics.start(Op.FLUSH);
        inner.flush();
        metrics.end(Op.FLUSH, start);
    }

    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            metrics.close();
            metrics = StateStoreMetrics.NONE;
        }
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
