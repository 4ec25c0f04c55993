package dev.millrace.broker.log;

import static dev.millrace.broker.log.LogTestSupport.T0;
import static dev.millrace.broker.log.LogTestSupport.append;
import static dev.millrace.broker.log.LogTestSupport.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.millrace.broker.log.LogTestSupport.ManualClock;
import dev.millrace.broker.record.CompressionType;
import dev.millrace.broker.record.KafkaBatches;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotentAppendTest {
    private static final long PID = 1000L;

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock();
    private PartitionLog log;

    @AfterEach
    void close() {
        if (log != null && !log.isClosed()) {
            log.close();
        }
    }

    private PartitionLog open(boolean clean) {
        log = PartitionLog.open(tmp.resolve("idem-0"), config(LogConfig.INTERNAL_SEGMENT_BYTES, "2000"), clean, clock);
        return log;
    }

    private static KafkaBatches.Spec batch(int epoch, int sequence, int count) {
        return KafkaBatches.spec().count(count).timestamp(T0).producer(PID, epoch, sequence);
    }

    @Test
    void duplicateReturnsTheOriginalOffsetsAndAppendsNothing() {
        open(true);
        assertEquals(0, append(log, batch(0, 0, 3)).firstOffset());
        assertEquals(3, append(log, batch(0, 3, 3)).firstOffset());
        long size = log.sizeInBytes();

        LogAppendInfo retry = append(log, batch(0, 0, 3));
        assertTrue(retry.duplicate());
        assertEquals(0, retry.firstOffset());
        assertEquals(2, retry.lastOffset());
        assertEquals(-1L, retry.logAppendTimeMs());
        LogAppendInfo retry2 = append(log, batch(0, 3, 3).codec(CompressionType.GZIP));
        assertTrue(retry2.duplicate());
        assertEquals(3, retry2.firstOffset());
        assertEquals(size, log.sizeInBytes());
        assertEquals(6, log.logEndOffset());
    }

    @Test
    void onlyTheLastFiveBatchesAreRemembered() {
        open(true);
        for (int i = 0; i < 6; i++) {
            append(log, batch(0, i * 2, 2));
        }
        assertThrows(OutOfOrderSequenceException.class, () -> append(log, batch(0, 0, 2)));
        assertTrue(append(log, batch(0, 2, 2)).duplicate());
    }

    @Test
    void sequenceGapIsOutOfOrder() {
        open(true);
        append(log, batch(0, 0, 3));
        OutOfOrderSequenceException e = assertThrows(OutOfOrderSequenceException.class, () -> append(log, batch(0, 10, 1)));
        assertTrue(e.getMessage().contains("expected 3"), e.getMessage());
        assertEquals(3, log.logEndOffset());
        append(log, batch(0, 3, 1));
    }

    @Test
    void epochsFenceAndNewEpochsStartAtZero() {
        open(true);
        append(log, batch(3, 0, 2));
        assertThrows(InvalidProducerEpochException.class, () -> append(log, batch(2, 2, 1)));
        assertThrows(OutOfOrderSequenceException.class, () -> append(log, batch(4, 2, 1)));
        LogAppendInfo bumped = append(log, batch(4, 0, 1));
        assertFalse(bumped.duplicate());
        assertThrows(InvalidProducerEpochException.class, () -> append(log, batch(3, 2, 1)));
        // retries from the old epoch are no longer duplicates: they are fenced
        assertThrows(InvalidProducerEpochException.class, () -> append(log, batch(3, 0, 2)));
        assertEquals(3, log.logEndOffset());
    }

    @Test
    void unknownProducerMayStartAnywhereAndSequencesWrap() {
        open(true);
        append(log, batch(0, Integer.MAX_VALUE - 1, 2));
        append(log, batch(0, 0, 2));
        assertEquals(4, log.logEndOffset());
        // non-idempotent batches skip all of it
        append(log, KafkaBatches.spec().count(1).timestamp(T0));
        append(log, KafkaBatches.spec().count(1).timestamp(T0));
        assertEquals(6, log.logEndOffset());
    }

    @Test
    void logAppendTimeDuplicateAnswersTheOriginalTime() {
        log = PartitionLog.open(tmp.resolve("lat-0"), config(LogConfig.MESSAGE_TIMESTAMP_TYPE, "LogAppendTime"), true, clock);
        LogAppendInfo first = append(log, batch(0, 0, 2));
        clock.advance(5_000);
        LogAppendInfo retry = append(log, batch(0, 0, 2));
        assertTrue(retry.duplicate());
        assertEquals(first.logAppendTimeMs(), retry.logAppendTimeMs());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void stateSurvivesReopen(boolean clean) {
        open(true);
        for (int i = 0; i < 20; i++) {
            append(log, batch(0, i * 5, 5).valueSize(40));
        }
        assertTrue(log.numberOfSegments() > 2);
        if (clean) {
            log.close();
        } else {
            log.flush();
            // a crash: the old instance is abandoned without close, no snapshot at the log end
        }
        open(clean);
        assertEquals(100, log.logEndOffset());
        LogAppendInfo retry = append(log, batch(0, 95, 5));
        assertTrue(retry.duplicate());
        assertEquals(95, retry.firstOffset());
        assertThrows(OutOfOrderSequenceException.class, () -> append(log, batch(0, 101, 1)));
        assertEquals(100, append(log, batch(0, 100, 1)).firstOffset());
    }

    @Test
    void stateIsRebuiltWithoutSnapshots() throws Exception {
        open(true);
        for (int i = 0; i < 10; i++) {
            append(log, batch(1, i * 5, 5).valueSize(40));
        }
        log.close();
        try (var files = java.nio.file.Files.list(tmp.resolve("idem-0"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".snapshot")).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
        open(true);
        assertTrue(append(log, batch(1, 45, 5)).duplicate());
        assertEquals(50, append(log, batch(1, 50, 1)).firstOffset());
    }

    @Test
    void idleProducersExpire() {
        open(true);
        append(log, batch(0, 0, 2));
        clock.advance(ProducerStateManager.DEFAULT_PRODUCER_ID_EXPIRATION_MS + 10);
        assertEquals(1, log.removeExpiredProducers());
        // forgotten: any sequence is accepted again (KIP-360)
        append(log, batch(0, 77, 1).timestamp(clock.getAsLong()));
        assertEquals(3, log.logEndOffset());
    }

    @Test
    void truncationRewindsProducerState() {
        open(true);
        append(log, batch(0, 0, 2));
        append(log, batch(0, 2, 2));
        log.truncateTo(2);
        assertFalse(append(log, batch(0, 2, 2)).duplicate());
        assertEquals(4, log.logEndOffset());
    }
}
