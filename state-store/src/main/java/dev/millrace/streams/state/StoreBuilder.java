package dev.millrace.streams.state;

import dev.millrace.streams.processor.StateStore;

import java.util.Map;

/**
 * Builds a store with its layers around the storage engine, as Kafka Streams' {@code StoreBuilder}. Defaults are
 * Kafka Streams': caching disabled, logging enabled.
 */
public interface StoreBuilder<T extends StateStore> {
    StoreBuilder<T> withCachingEnabled();

    StoreBuilder<T> withCachingDisabled();

    /** Enables the changelog topic, created with these topic configs (e.g. {@code min.insync.replicas}). */
    StoreBuilder<T> withLoggingEnabled(Map<String, String> config);

    StoreBuilder<T> withLoggingDisabled();

    T build();

    /** The changelog topic configs given to {@link #withLoggingEnabled}; empty when logging is disabled. */
    Map<String, String> logConfig();

    boolean loggingEnabled();

    String name();
}
