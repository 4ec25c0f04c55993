package dev.millrace.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.millrace.broker.partition.TopicPartition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When committed offsets expire (offsets.retention.minutes), decided without waiting for real minutes. */
class OffsetStoreTest {
    static final long RETENTION = 60_000;
    static final TopicPartition P0 = new TopicPartition("t", 0);
    static final TopicPartition P1 = new TopicPartition("t", 1);

    @Test
    void offsetsOfAGroupWithMembersNeverExpireByAge() {
        OffsetStore store = new OffsetStore();
        store.put("g", P0, new CommittedOffset(5, -1, "", 1_000, -1));
        assertEquals(List.of(), store.expired("g", 1_000 + 100 * RETENTION, RETENTION, -1));
    }

    @Test
    void offsetsExpireRetentionAfterTheGroupBecameEmpty() {
        OffsetStore store = new OffsetStore();
        store.put("g", P0, new CommittedOffset(5, -1, "", 1_000, -1));
        long emptySince = 50_000;
        assertEquals(List.of(), store.expired("g", emptySince + RETENTION - 1, RETENTION, emptySince));
        assertEquals(List.of(P0), store.expired("g", emptySince + RETENTION, RETENTION, emptySince));
    }

    @Test
    void aCommitAfterTheGroupEmptiedRestartsTheClockAndAnExplicitExpiryWins() {
        OffsetStore store = new OffsetStore();
        long emptySince = 10_000;
        store.put("g", P0, new CommittedOffset(5, -1, "", 30_000, -1));
        store.put("g", P1, new CommittedOffset(7, -1, "", 30_000, 35_000));
        assertEquals(List.of(P1), store.expired("g", 35_000, RETENTION, emptySince), "v2-4 retention time");
        assertEquals(List.of(), store.expired("g", emptySince + RETENTION, RETENTION, emptySince).stream()
                .filter(P0::equals).toList());
        assertEquals(List.of(P0, P1), store.expired("g", 30_000 + RETENTION, RETENTION, emptySince));
    }
}
