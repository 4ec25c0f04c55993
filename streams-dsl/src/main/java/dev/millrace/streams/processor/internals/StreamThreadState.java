package dev.millrace.streams.processor.internals;

/**
 * A stream thread's life, with Kafka Streams' state names (they appear in {@code ThreadMetadata#threadState()} and in
 * interactive-query errors). {@code RUNNING} once the thread's assignment is open, stores restored.
 */
public enum StreamThreadState {
    CREATED, STARTING, PARTITIONS_REVOKED, PARTITIONS_ASSIGNED, RUNNING, PENDING_SHUTDOWN, DEAD;

    public boolean isAlive() {
        return this == STARTING || this == PARTITIONS_REVOKED || this == PARTITIONS_ASSIGNED || this == RUNNING;
    }
}
