package dev.millrace.streams.processor.api;

/** Topic, partition and offset of the input record being processed. */
public interface RecordMetadata {
    String topic();

    int partition();

    long offset();
}
