package dev.millrace.streams.processor;

/** A scheduled punctuation that can be stopped. */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
