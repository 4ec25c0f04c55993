package dev.millrace.broker.log;

/**
 * A ListOffsets answer: the offset found, the timestamp of that record (-1 for earliest/latest) and the
 * leader epoch of the batch holding it (-1 if unknown).
 */
public record TimestampAndOffset(long timestamp, long offset, int leaderEpoch) {
}
