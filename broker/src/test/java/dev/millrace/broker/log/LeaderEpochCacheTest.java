package dev.millrace.broker.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.millrace.broker.log.LeaderEpochCache.EpochEntry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderEpochCacheTest {
    @TempDir
    Path dir;

    @Test
    void endOffsetForFollowsKafkasRules() {
        LeaderEpochCache cache = new LeaderEpochCache(dir);
        assertEquals(EpochEndOffset.UNDEFINED, cache.endOffsetFor(0, 10));
        cache.assign(2, 10);
        cache.assign(4, 25);
        cache.assign(5, 40);
        long leo = 60;
        assertEquals(new EpochEndOffset(5, 60), cache.endOffsetFor(5, leo));
        assertEquals(new EpochEndOffset(4, 40), cache.endOffsetFor(4, leo));
        // an epoch between known ones: the largest known below it, ending where the next starts
        assertEquals(new EpochEndOffset(2, 25), cache.endOffsetFor(3, leo));
        // below every known epoch: the epoch itself, ending at the first start offset
        assertEquals(new EpochEndOffset(1, 10), cache.endOffsetFor(1, leo));
        // above every known epoch, or undefined
        assertEquals(EpochEndOffset.UNDEFINED, cache.endOffsetFor(6, leo));
        assertEquals(EpochEndOffset.UNDEFINED, cache.endOffsetFor(-1, leo));
        assertEquals(5, cache.latestEpoch());
        assertEquals(4, cache.epochForOffset(39));
        assertEquals(-1, cache.epochForOffset(9));
    }

    @Test
    void assignDropsConflictingHistory() {
        LeaderEpochCache cache = new LeaderEpochCache(dir);
        cache.assign(1, 0);
        cache.assign(1, 5); // same epoch later: no change
        cache.assign(3, 20);
        cache.assign(4, 30);
        assertEquals(List.of(new EpochEntry(1, 0), new EpochEntry(3, 20), new EpochEntry(4, 30)), cache.entries());
        cache.assign(3, 15); // rewinds: epoch 3 starts earlier, epoch 4 is gone
        assertEquals(List.of(new EpochEntry(1, 0), new EpochEntry(3, 15)), cache.entries());
        cache.assign(5, 10); // starts before epoch 3 did: epoch 3 is gone
        assertEquals(List.of(new EpochEntry(1, 0), new EpochEntry(5, 10)), cache.entries());
    }

    @Test
    void truncationFromBothEndsIsPersisted() {
        LeaderEpochCache cache = new LeaderEpochCache(dir);
        cache.assign(0, 0);
        cache.assign(1, 10);
        cache.assign(2, 20);
        cache.assign(3, 30);
        cache.truncateFromEnd(25);
        assertEquals(List.of(new EpochEntry(0, 0), new EpochEntry(1, 10), new EpochEntry(2, 20)), cache.entries());
        cache.truncateFromStart(15);
        assertEquals(List.of(new EpochEntry(1, 15), new EpochEntry(2, 20)), cache.entries());
        cache.truncateFromStart(5); // below the first entry: nothing to do
        assertEquals(List.of(new EpochEntry(1, 15), new EpochEntry(2, 20)), new LeaderEpochCache(dir).entries());
    }
}
