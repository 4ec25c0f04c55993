package dev.millrace.broker.handler;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The broker's incremental fetch sessions by id. Bounded like Kafka's cache
 * ({@code max.incremental.fetch.session.cache.slots}, 1000): when full, a new session may take the place
 * of the least recently used one only if that one has been idle longer than
 * {@code min.incremental.fetch.session.eviction.ms} (120 s); otherwise the client gets no session (id 0)
 * and keeps sending full fetches, which is always correct.
 */
final class FetchSessionCache {
    static final int MAX_SESSIONS = 1000;
    static final long EVICTION_MS = 120_000;

    private final Map<Integer, FetchSession> sessions = new HashMap<>();

    /** A new empty session, or null when the cache is full of sessions in use. */
    synchronized FetchSession create(long nowMs) {
        if (sessions.size() >= MAX_SESSIONS && !evictStale(nowMs)) {
            return null;
        }
        int id;
        do {
            id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        } while (sessions.containsKey(id));
        FetchSession session = new FetchSession(id, nowMs);
        sessions.put(id, session);
        return session;
    }

    synchronized FetchSession get(int id) {
        return sessions.get(id);
    }

    synchronized void remove(int id) {
        sessions.remove(id);
    }

    synchronized int size() {
        return sessions.size();
    }

    private boolean evictStale(long nowMs) {
        FetchSession oldest = null;
        for (FetchSession s : sessions.values()) {
            if (oldest == null || s.lastUsedMs() < oldest.lastUsedMs()) {
                oldest = s;
            }
        }
        if (oldest != null && nowMs - oldest.lastUsedMs() > EVICTION_MS) {
            sessions.remove(oldest.id);
            return true;
        }
        return false;
    }
}
