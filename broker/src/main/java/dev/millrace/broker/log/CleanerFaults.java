package dev.millrace.broker.log;

/**
 * Test hook: called by the cleaner after each step of a segment swap, so tests can stop it there as a
 * crash would (by throwing an {@link Error}, which the cleaner does not clean up after) and check that
 * reopening the log finishes or discards the swap.
 */
interface CleanerFaults {
    /** The steps, in order. */
    enum Step {
        /** The {@code .cleaned} files are complete and flushed; nothing is swapped yet. */
        CLEANED_FILE_WRITTEN,
        /** Renamed to {@code .swap}: the commit point. */
        SWAP_FILE_WRITTEN,
        /** The replaced segments are renamed {@code .deleted}; the new one still ends in {@code .swap}. */
        OLD_SEGMENTS_DELETED,
        /** The new segment has its final name; the cleaner checkpoint is not written yet. */
        SWAPPED
    }

    CleanerFaults NONE = step -> { };

    void at(Step step);
}
