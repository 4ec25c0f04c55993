package dev.millrace.streams.state.internals;

import dev.millrace.streams.processor.StateStoreContext;

/**
 * A store context that hands its caching stores a shared {@link ThreadCache}: the Streams runtime's task contexts
 * (one cache per stream thread) and the standalone contexts here (one cache per context). Caching stores opened with
 * any other context make a cache of their own.
 */
public interface ThreadCacheProvider {
    ThreadCache cache();

    /** The context's shared cache, or a new one sized by its {@code statestore.cache.max.bytes} for any other context. */
    static ThreadCache cacheOf(StateStoreContext context) {
        return context instanceof ThreadCacheProvider ? ((ThreadCacheProvider) context).cache()
                : new ThreadCache(ThreadCache.maxBytes(context.appConfigs()));
    }
}
