package dev.millrace.streams.state.internals;

import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.QueryableStoreType;
import dev.millrace.streams.state.ReadOnlySessionStore;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The session store of a name across every local task, as Kafka Streams' class: single-key reads and key-range
 * session searches answer from the first store that has sessions, key-range fetches run through every store in turn.
 * {@code fetchSession} answers from the first store with the session (Kafka Streams returns the first store's
 * answer, null or not, which misses sessions of other partitions).
 */
public class CompositeReadOnlySessionStore<K, V> implements ReadOnlySessionStore<K, V> {
    private final StateStoreProvider storeProvider;
    private final QueryableStoreType<ReadOnlySessionStore<K, V>> queryableStoreType;
    private final String storeName;

    public CompositeReadOnlySessionStore(StateStoreProvider storeProvider, QueryableStoreType<ReadOnlySessionStore<K, V>> queryableStoreType,
                                         String storeName) {
        this.storeProvider = storeProvider;
        this.queryableStoreType = queryableStoreType;
        this.storeName = storeName;
    }

    private List<ReadOnlySessionStore<K, V>> stores() {
        return storeProvider.stores(storeName, queryableStoreType);
    }

    /** Kafka Streams' session-store wording (with its double space), the cause kept. */
    private RuntimeException migrated(InvalidStateStoreException cause) {
        return new InvalidStateStoreException("State store  [" + storeName + "] is not available anymore and may have been "
                + "migrated to another instance; please re-discover its location from the state metadata.", cause);
    }

    private KeyValueIterator<Windowed<K>, V> oneKey(K key, Function<ReadOnlySessionStore<K, V>, KeyValueIterator<Windowed<K>, V>> read) {
        Objects.requireNonNull(key, "key can't be null");
        return firstNonEmpty(read);
    }

    /** Kafka Streams answers long-typed key-range session searches from the first store with sessions too. */
    private KeyValueIterator<Windowed<K>, V> firstNonEmpty(Function<ReadOnlySessionStore<K, V>, KeyValueIterator<Windowed<K>, V>> read) {
        KeyValueIterator<Windowed<K>, V> it = CompositeReads.firstNonEmpty(stores(), read, this::migrated);
        return it != null ? it : CompositeReads.emptyIterator();
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K key, long earliestSessionEndTime, long latestSessionStartTime) {
        return oneKey(key, s -> s.findSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K key, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        return oneKey(key, s -> s.findSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K key, long earliestSessionEndTime, long latestSessionStartTime) {
        return oneKey(key, s -> s.backwardFindSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K key, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        return oneKey(key, s -> s.backwardFindSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return firstNonEmpty(s -> s.findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K keyFrom, K keyTo, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        return CompositeReads.concat(stores(), s -> s.findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return firstNonEmpty(s -> s.backwardFindSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K keyFrom, K keyTo, Instant earliestSessionEndTime, Instant latestSessionStartTime) {
        return CompositeReads.concat(stores(), s -> s.backwardFindSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public V fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        Objects.requireNonNull(key, "key can't be null");
        return CompositeReads.firstNonNull(stores(), s -> s.fetchSession(key, sessionStartTime, sessionEndTime), this::migrated);
    }

    @Override
    public V fetchSession(K key, Instant sessionStartTime, Instant sessionEndTime) {
        Objects.requireNonNull(key, "key can't be null");
        return CompositeReads.firstNonNull(stores(), s -> s.fetchSession(key, sessionStartTime, sessionEndTime), this::migrated);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K key) {
        Objects.requireNonNull(key, "key can't be null");
        // Kafka Streams words this one with the cause's text instead of the cause
        KeyValueIterator<Windowed<K>, V> it = CompositeReads.firstNonEmpty(stores(), s -> s.fetch(key),
                e -> new InvalidStateStoreException(migrated(e).getMessage() + " Original error message: " + e));
        return it != null ? it : CompositeReads.emptyIterator();
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K key) {
        return oneKey(key, s -> s.backwardFetch(key));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo) {
        return CompositeReads.concat(stores(), s -> s.fetch(keyFrom, keyTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo) {
        return CompositeReads.concat(stores(), s -> s.backwardFetch(keyFrom, keyTo));
    }
}
