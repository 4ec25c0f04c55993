package dev.millrace.streams.state.internals;

import dev.millrace.streams.processor.StateStore;

/**
 * Finds the record cache under a store's layers (serde layer, then the caching layer), so that code holding the
 * typed store a processor sees can listen to its cache, as Kafka Streams' table processors set a flush listener on
 * the store they write.
 */
public final class CachedStores {
    private CachedStores() {
    }

    /** The named cache of an initialised store, or null if the store has no caching layer. */
    public static NamedCache namedCacheOf(StateStore store) {
        StateStore s = store;
        while (s != null) {
            if (s instanceof CachingKeyValueStore c) return c.namedCache();
            if (s instanceof CachingWindowStore c) return c.namedCache();
            if (s instanceof CachingSessionStore c) return c.namedCache();
            if (s instanceof MeteredKeyValueStore<?, ?> m) s = m.wrapped();
            else if (s instanceof MeteredWindowStore<?, ?> m) s = m.wrapped();
            else if (s instanceof MeteredSessionStore<?, ?> m) s = m.wrapped();
            else return null;
        }
        return null;
    }
}
