package dev.millrace.connect.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which offsets become committable, and that acknowledged records are not held until the next offset flush. */
class SubmittedRecordsTest {
    private static final Map<String, String> A = Map.of("server", "a");
    private static final Map<String, String> B = Map.of("server", "b");

    @Test
    void anOffsetIsCommittableOnlyWhenEveryEarlierRecordOfItsPartitionWasAcknowledged() {
        SubmittedRecords submitted = new SubmittedRecords();
        SubmittedRecords.Submitted a1 = submitted.submit(A, Map.of("n", 1));
        SubmittedRecords.Submitted a2 = submitted.submit(A, Map.of("n", 2));
        SubmittedRecords.Submitted b1 = submitted.submit(B, Map.of("n", 1));
        SubmittedRecords.Submitted a3 = submitted.submit(Map.of("server", "a"), Map.of("n", 3)); // equal, not same
        a2.ack();
        b1.ack();
        assertEquals(Map.of(B, Map.of("n", 1)), submitted.drainCommittable());
        a1.ack();
        assertEquals(Map.of(A, Map.of("n", 2)), submitted.drainCommittable());
        assertEquals(Map.of(), submitted.drainCommittable());
        a3.ack();
        assertEquals(Map.of(A, Map.of("n", 3)), submitted.drainCommittable());
        assertEquals(0, submitted.inFlightCount());
    }

    @Test
    void acknowledgedRecordsAreFoldedAwayBetweenFlushes() {
        SubmittedRecords submitted = new SubmittedRecords();
        List<SubmittedRecords.Submitted> unacked = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            SubmittedRecords.Submitted s = submitted.submit(A, Map.of("n", i));
            if (i < 99_990) {
                s.ack();
            } else {
                unacked.add(s);
            }
        }
        // the ten unacknowledged ones and nothing of the 99,990 before them
        assertEquals(10, submitted.inFlightCount());
        assertEquals(Map.of(A, Map.of("n", 99_989)), submitted.drainCommittable());
        unacked.get(0).ack();
        unacked.get(2).ack();
        assertEquals(Map.of(A, Map.of("n", 99_990)), submitted.drainCommittable());
        assertEquals(9, submitted.inFlightCount());
    }
}
