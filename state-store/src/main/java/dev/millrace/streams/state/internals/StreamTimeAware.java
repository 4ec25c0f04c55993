package dev.millrace.streams.state.internals;

/** A window or session engine that tells its stream time (largest timestamp seen, or -1), for the caching layer. */
interface StreamTimeAware {
    long observedStreamTime();
}
