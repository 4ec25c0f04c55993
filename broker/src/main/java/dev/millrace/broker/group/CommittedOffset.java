package dev.millrace.broker.group;

/**
 * One committed offset as OffsetFetch returns it and {@code __consumer_offsets} stores it.
 *
 * @param expireTimestamp the explicit expiry of OffsetCommit v2-4's retention time, else -1 (then the offset
 *     expires offsets.retention.minutes after its group became empty)
 */
public record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestamp,
                              long expireTimestamp) {
}
