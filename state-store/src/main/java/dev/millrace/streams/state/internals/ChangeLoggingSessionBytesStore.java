package dev.millrace.streams.state.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.SessionStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;

import java.util.Map;

/**
 * Sends every put and remove of the session store below it to the changelog, keyed in {@link SessionKeySchema}'s
 * layout ({@code [key][end][start]}); a remove or null aggregate is a tombstone. Restore goes to the engine below.
 */
public class ChangeLoggingSessionBytesStore extends ChangeLoggingSegmentedStore<SessionStore<Bytes, byte[]>>
        implements SessionStore<Bytes, byte[]> {
    public ChangeLoggingSessionBytesStore(SessionStore<Bytes, byte[]> inner, long retentionPeriod, Map<String, String> logConfig) {
        super(inner, retentionPeriod, false, logConfig);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        open(context, root, inner, ConsumerRecord::value);
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        inner.put(sessionKey, aggregate);
        changelog.log(SessionKeySchema.toBinary(sessionKey), aggregate, System.currentTimeMillis());
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        inner.remove(sessionKey);
        changelog.log(SessionKeySchema.toBinary(sessionKey), null, System.currentTimeMillis());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        return inner.findSessions(earliestSessionEndTime, latestSessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        return inner.findSessions(key, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        return inner.backwardFindSessions(key, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return inner.findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return inner.backwardFindSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        return inner.fetchSession(key, sessionStartTime, sessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return inner.fetch(key);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return inner.backwardFetch(key);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return inner.fetch(keyFrom, keyTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        return inner.backwardFetch(keyFrom, keyTo);
    }
}
