package dev.millrace.streams.kstream.internals.suppress;

/** What a suppression buffer does when over its record or byte limit. */
public enum BufferFullStrategy {
    EMIT,
    SHUT_DOWN
}
