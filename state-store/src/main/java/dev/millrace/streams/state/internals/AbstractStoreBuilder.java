package dev.millrace.streams.state.internals;

import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.state.StoreBuilder;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The caching and logging switches every builder has. Defaults are Kafka Streams': caching off, logging on. The
 * logging config goes to the changelog topic's creation, on top of {@code cleanup.policy=compact}.
 */
public abstract class AbstractStoreBuilder<T extends StateStore> implements StoreBuilder<T> {
    private final String name;
    protected boolean cachingEnabled = false;
    protected boolean loggingEnabled = true;
    private Map<String, String> logConfig = new HashMap<>();

    protected AbstractStoreBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name cannot be null");
    }

    @Override
    public StoreBuilder<T> withCachingEnabled() {
        cachingEnabled = true;
        return this;
    }

    @Override
    public StoreBuilder<T> withCachingDisabled() {
        cachingEnabled = false;
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
        loggingEnabled = true;
        logConfig = new HashMap<>(Objects.requireNonNull(config, "config cannot be null"));
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingDisabled() {
        loggingEnabled = false;
        logConfig = new HashMap<>();
        return this;
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.copyOf(logConfig);
    }

    @Override
    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    public boolean cachingEnabled() {
        return cachingEnabled;
    }

    @Override
    public String name() {
        return name;
    }
}
