package dev.millrace.connect.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The rule that decides which LSN may be confirmed to PostgreSQL, on its own. */
class AckTrackerTest {

    @Test
    void confirmsOnlyThePrefixOfFullyAcknowledgedCommittedTransactions() {
        AckTracker acks = new AckTracker(100);
        acks.emitted(200, 2);
        acks.completed(200, 250);
        acks.emitted(300, 1);
        acks.completed(300, 350);
        acks.emitted(400, 1); // commit not seen yet
        assertEquals(100, acks.confirmable());

        acks.acknowledged(300); // a later transaction acknowledged first confirms nothing
        assertEquals(100, acks.confirmable());
        acks.acknowledged(200);
        assertEquals(100, acks.confirmable(), "one record of the first transaction is still unacknowledged");
        acks.acknowledged(200);
        assertEquals(350, acks.confirmable(), "both transactions are acknowledged: up to the second's end");

        acks.acknowledged(400);
        assertEquals(350, acks.confirmable(), "a transaction whose commit was not seen is never confirmed");
        acks.completed(400, 450);
        assertEquals(450, acks.confirmable());
        assertEquals(0, acks.pendingCount());
    }

    @Test
    void transactionsWithoutCapturedRecordsAndHeartbeatsAdvanceInOrder() {
        AckTracker acks = new AckTracker(0);
        acks.completed(500, 520); // a transaction on tables that are not captured
        assertEquals(520, acks.confirmable());
        acks.emitted(600, 1);
        acks.completed(600, 640);
        acks.emitted(640, 1); // a heartbeat at the position where the last transaction ended
        acks.completed(640, 640);
        acks.acknowledged(640);
        assertEquals(520, acks.confirmable(), "the heartbeat waits for the transaction before it");
        acks.acknowledged(600);
        assertEquals(640, acks.confirmable());
    }
}
