package dev.millrace.streams.processor;

/** Which clock drives a punctuation, as Kafka Streams' {@code PunctuationType}. */
public enum PunctuationType {
    /** The task's stream time: the largest record timestamp it has processed. Advances only with data. */
    STREAM_TIME,
    /** The system clock (the test driver's mock clock in tests). */
    WALL_CLOCK_TIME
}
