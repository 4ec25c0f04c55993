package dev.millrace.streams.kstream.internals.suppress;

import dev.millrace.streams.kstream.Suppressed;
import dev.millrace.streams.kstream.Windowed;

import java.time.Duration;

/**
 * {@code untilWindowCloses}: the wait is the upstream window's grace period, known only when the DSL finds the
 * windowed aggregation above the suppressed table.
 */
public final class FinalResultsSuppression<K extends Windowed<?>> implements Suppressed<K> {
    private final String name;
    private final StrictBufferConfig bufferConfig;

    public FinalResultsSuppression(String name, StrictBufferConfig bufferConfig) {
        this.name = name;
        this.bufferConfig = bufferConfig;
    }

    public String name() {
        return name;
    }

    public <T> SuppressedInternal<T> build(long gracePeriodMs) {
        return new SuppressedInternal<>(name, Duration.ofMillis(gracePeriodMs), bufferConfig, true);
    }

    @Override
    public Suppressed<K> withName(String name) {
        return new FinalResultsSuppression<>(name, bufferConfig);
    }
}
