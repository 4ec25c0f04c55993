package dev.millrace.connect.runtime;

/** A connector's or task's state, with Kafka Connect's names as the status endpoint shows them. */
public enum State {
    UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING
}
