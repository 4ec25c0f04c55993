package dev.millrace.streams.state.internals;

/**
 * A store context that hands its caching stores a shared {@link ThreadCache}: the Streams runtime's task contexts
 * (one cache per stream thread) and the standalone contexts here (one cache per context). Caching stores opened with
 * any other context make a cache of their own.
 */
public interface ThreadCacheProvider {
    ThreadCache cache();
}
