package dev.millrace.streams.processor;

import org.apache.kafka.common.TopicPartition;

/**
 * Progress of a store's restore from its changelog, as Kafka Streams'
 * {@code org.apache.kafka.streams.processor.StateRestoreListener}. Called on the restoring thread; keep it cheap.
 */
public interface StateRestoreListener {
    /**
     * Before the first record. {@code startingOffset} is the first changelog offset read; {@code endingOffset} the
     * partition's end offset when restore began (exclusive: restore stops when it reaches it).
     */
    void onRestoreStart(TopicPartition topicPartition, String storeName, long startingOffset, long endingOffset);

    /** After each batch written to the store: {@code batchEndOffset} is the offset of its last record. */
    void onBatchRestored(TopicPartition topicPartition, String storeName, long batchEndOffset, long numRestored);

    /** When the end offset is reached; {@code totalRestored} counts every record applied. */
    void onRestoreEnd(TopicPartition topicPartition, String storeName, long totalRestored);

    /** A listener that does nothing. */
    StateRestoreListener NO_OP = new StateRestoreListener() {
        @Override
        public void onRestoreStart(TopicPartition tp, String storeName, long startingOffset, long endingOffset) { }

        @Override
        public void onBatchRestored(TopicPartition tp, String storeName, long batchEndOffset, long numRestored) { }

        @Override
        public void onRestoreEnd(TopicPartition tp, String storeName, long totalRestored) { }
    };
}
