package dev.millrace.streams.kstream.internals.suppress;

import dev.millrace.streams.kstream.Suppressed;

import java.time.Duration;
import java.util.Objects;

/**
 * Suppression as the processor runs it: how long to wait, the buffer, whether a record's buffer time is its
 * timestamp or its window's end (final results), and whether tombstones may be dropped (only for final results).
 */
public class SuppressedInternal<K> implements Suppressed<K> {
    private final String name;
    private final Duration timeToWaitForMoreEvents;
    private final BufferConfigInternal<?> bufferConfig;
    private final boolean windowEndTime;

    public SuppressedInternal(String name, Duration timeToWaitForMoreEvents, BufferConfig<?> bufferConfig,
                              boolean windowEndTime) {
        this.name = name;
        this.timeToWaitForMoreEvents = timeToWaitForMoreEvents == null ? Duration.ZERO : timeToWaitForMoreEvents;
        this.bufferConfig = bufferConfig == null
                ? (BufferConfigInternal<?>) BufferConfig.unbounded() : (BufferConfigInternal<?>) bufferConfig;
        this.windowEndTime = windowEndTime;
    }

    @Override
    public Suppressed<K> withName(String name) {
        return new SuppressedInternal<>(name, timeToWaitForMoreEvents, bufferConfig, windowEndTime);
    }

    public String name() {
        return name;
    }

    public Duration timeToWaitForMoreEvents() {
        return timeToWaitForMoreEvents;
    }

    public BufferConfigInternal<?> bufferConfig() {
        return bufferConfig;
    }

    /** Final results: buffered by window end, and a deleted window need not be emitted. */
    public boolean windowEndTime() {
        return windowEndTime;
    }

    public boolean safeToDropTombstones() {
        return windowEndTime;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SuppressedInternal<?> s && Objects.equals(s.name, name)
                && s.timeToWaitForMoreEvents.equals(timeToWaitForMoreEvents) && s.bufferConfig == bufferConfig
                && s.windowEndTime == windowEndTime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, timeToWaitForMoreEvents, windowEndTime);
    }
}
