package dev.millrace.streams.processor;

/** Called back on a schedule registered with {@code ProcessingContext.schedule}. */
@FunctionalInterface
public interface Punctuator {
    /** @param timestamp the stream time or the wall-clock time that triggered the call, by punctuation type */
    void punctuate(long timestamp);
}
