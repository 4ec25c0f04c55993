package dev.millrace.streams.processor.internals.metrics;

/**
 * A stream thread's lifecycle as Kafka Streams names it, for the thread-level {@code state} (the name) and
 * {@code thread-state} (the ordinal) metrics: created, started and joining the group, partitions revoked, partitions
 * assigned (tasks being opened and restored), running, asked to stop, ended.
 */
public enum ThreadState {
    CREATED, STARTING, PARTITIONS_REVOKED, PARTITIONS_ASSIGNED, RUNNING, PENDING_SHUTDOWN, DEAD
}
