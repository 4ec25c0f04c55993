package dev.millrace.streams.state.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;
import java.util.function.Function;

/**
 * A session store over time segments in RocksDB ({@link RocksDBSegmentedBytesStore} with {@link SessionKeySchema},
 * segments by session end), as Kafka Streams' store of the same name.
 */
public class RocksDBSessionStore extends RocksDBSegmentedStore implements SessionStore<Bytes, byte[]> {
    public RocksDBSessionStore(String name, long retentionPeriod, long segmentInterval) {
        super(name, retentionPeriod, segmentInterval, SessionKeySchema.INSTANCE);
    }

    private static KeyValueIterator<Windowed<Bytes>, byte[]> sessions(KeyValueIterator<Bytes, byte[]> it) {
        return new MappedKeyValueIterator<>(it, k -> SessionKeySchema.from(k.get()), Function.identity());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        return sessions(segmented.fetchAll(earliestSessionEndTime, latestSessionEndTime, true));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        return sessions(segmented.fetch(key, earliestSessionEndTime, latestSessionStartTime, true));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        return sessions(segmented.fetch(key, earliestSessionEndTime, latestSessionStartTime, false));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return sessions(segmented.fetch(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime, true));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return sessions(segmented.fetch(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime, false));
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        BytesRanges.requireKey(key);
        return segmented.get(SessionKeySchema.toBinary(key, sessionStartTime, sessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return findSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return backwardFindSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return findSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        return backwardFindSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        segmented.remove(SessionKeySchema.toBinary(requireSessionKey(sessionKey)));
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        segmented.put(SessionKeySchema.toBinary(requireSessionKey(sessionKey)), aggregate);
    }

    static Windowed<Bytes> requireSessionKey(Windowed<Bytes> sessionKey) {
        Objects.requireNonNull(sessionKey, "sessionKey cannot be null");
        BytesRanges.requireKey(sessionKey.key());
        return sessionKey;
    }
}
