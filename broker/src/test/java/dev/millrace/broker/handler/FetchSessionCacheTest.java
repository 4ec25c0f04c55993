package dev.millrace.broker.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FetchSessionCacheTest {
    @Test
    void aFullCacheRefusesNewSessionsUntilTheLeastRecentlyUsedOneIsStale() {
        FetchSessionCache cache = new FetchSessionCache();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < FetchSessionCache.MAX_SESSIONS; i++) {
            FetchSession s = cache.create(1000 + i);
            assertTrue(s.id > 0, "session ids are positive: 0 means no session");
            ids.add(s.id);
        }
        assertEquals(FetchSessionCache.MAX_SESSIONS, ids.size(), "ids are unique");

        assertNull(cache.create(1000 + FetchSessionCache.EVICTION_MS), "no session idle long enough");
        FetchSession fresh = cache.create(1001 + FetchSessionCache.EVICTION_MS);
        assertNotNull(fresh, "the session last used at 1000 is stale by now");
        assertEquals(FetchSessionCache.MAX_SESSIONS, cache.size());
        assertNotNull(cache.get(fresh.id));
    }

    @Test
    void epochsWrapToOneNotZeroWhichWouldAskForANewSession() {
        assertEquals(2, FetchSession.nextEpoch(1));
        assertEquals(1, FetchSession.nextEpoch(Integer.MAX_VALUE));
    }
}
