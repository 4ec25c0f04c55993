package dev.millrace.broker.log;

/**
 * An OffsetForLeaderEpoch answer: the largest known epoch not above the requested one and the offset
 * where it ended; {@code (-1, -1)} when the requested epoch is unknown.
 */
public record EpochEndOffset(int epoch, long endOffset) {
    public static final int UNDEFINED_EPOCH = -1;
    public static final long UNDEFINED_EPOCH_OFFSET = -1L;
    public static final EpochEndOffset UNDEFINED = new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET);
}
