package dev.millrace.broker.log;

/**
 * The outcome of one append, as the Produce response needs it.
 *
 * @param firstOffset base offset given to the batch (for a duplicate: the original batch's)
 * @param lastOffset last offset of the batch
 * @param maxTimestamp the batch's max timestamp as stored
 * @param logAppendTimeMs the broker time stamped on a LogAppendTime topic, else -1
 * @param logStartOffset the log start offset after the append
 * @param recordCount records in the batch
 * @param duplicate true when an idempotent retry matched an already appended batch and nothing was
 *     written
 */
public record LogAppendInfo(long firstOffset, long lastOffset, long maxTimestamp, long logAppendTimeMs,
                            long logStartOffset, int recordCount, boolean duplicate) {
}
