package dev.millrace.streams.kstream.internals.suppress;

import dev.millrace.streams.state.StoreBuilder;

import java.util.HashMap;
import java.util.Map;

/**
 * Builds a suppression buffer. The logging flag and topic configs are kept (they show what the user asked for) but
 * the buffer is not logged yet: see {@link SuppressionBuffer}. Caching does not apply to it.
 */
public final class SuppressionBufferBuilder<E> implements StoreBuilder<SuppressionBuffer<E>> {
    private final String name;
    private boolean logging = true;
    private Map<String, String> logConfig = new HashMap<>();

    public SuppressionBufferBuilder(String name) {
        this.name = name;
    }

    @Override
    public StoreBuilder<SuppressionBuffer<E>> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<SuppressionBuffer<E>> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<SuppressionBuffer<E>> withLoggingEnabled(Map<String, String> config) {
        logging = true;
        logConfig = new HashMap<>(config);
        return this;
    }

    @Override
    public StoreBuilder<SuppressionBuffer<E>> withLoggingDisabled() {
        logging = false;
        logConfig = new HashMap<>();
        return this;
    }

    @Override
    public SuppressionBuffer<E> build() {
        return new SuppressionBuffer<>(name);
    }

    @Override
    public Map<String, String> logConfig() {
        return logConfig;
    }

    @Override
    public boolean loggingEnabled() {
        return logging;
    }

    @Override
    public String name() {
        return name;
    }
}
