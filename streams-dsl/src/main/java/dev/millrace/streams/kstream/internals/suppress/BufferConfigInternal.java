package dev.millrace.streams.kstream.internals.suppress;

import dev.millrace.streams.kstream.Suppressed;

import java.util.HashMap;
import java.util.Map;

/** A suppression buffer's limits, what happens when they are exceeded, and its changelog settings. */
public abstract class BufferConfigInternal<BC extends Suppressed.BufferConfig<BC>> implements Suppressed.BufferConfig<BC> {
    final long maxRecords;
    final long maxBytes;
    final BufferFullStrategy strategy;
    final Map<String, String> logConfig; // null: logging disabled

    BufferConfigInternal(long maxRecords, long maxBytes, BufferFullStrategy strategy, Map<String, String> logConfig) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.strategy = strategy;
        this.logConfig = logConfig;
    }

    public static Suppressed.StrictBufferConfig strict(long maxRecords, long maxBytes, Map<String, String> logConfig) {
        return new Strict(maxRecords, maxBytes, logConfig);
    }

    public static Suppressed.EagerBufferConfig eager(long maxRecords, long maxBytes, Map<String, String> logConfig) {
        return new Eager(maxRecords, maxBytes, logConfig);
    }

    public long maxRecords() {
        return maxRecords;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public BufferFullStrategy bufferFullStrategy() {
        return strategy;
    }

    public boolean isLoggingEnabled() {
        return logConfig != null;
    }

    public Map<String, String> logConfig() {
        return logConfig == null ? Map.of() : logConfig;
    }

    @Override
    public Suppressed.StrictBufferConfig withNoBound() {
        return new Strict(Long.MAX_VALUE, Long.MAX_VALUE, logConfig);
    }

    @Override
    public Suppressed.StrictBufferConfig shutDownWhenFull() {
        return new Strict(maxRecords, maxBytes, logConfig);
    }

    @Override
    public Suppressed.EagerBufferConfig emitEarlyWhenFull() {
        return new Eager(maxRecords, maxBytes, logConfig);
    }

    private static final class Strict extends BufferConfigInternal<Suppressed.StrictBufferConfig>
            implements Suppressed.StrictBufferConfig {
        Strict(long maxRecords, long maxBytes, Map<String, String> logConfig) {
            super(maxRecords, maxBytes, BufferFullStrategy.SHUT_DOWN, logConfig);
        }

        @Override
        public Suppressed.StrictBufferConfig withMaxRecords(long recordLimit) {
            return new Strict(recordLimit, maxBytes, logConfig);
        }

        @Override
        public Suppressed.StrictBufferConfig withMaxBytes(long byteLimit) {
            return new Strict(maxRecords, byteLimit, logConfig);
        }

        @Override
        public Suppressed.StrictBufferConfig withLoggingDisabled() {
            return new Strict(maxRecords, maxBytes, null);
        }

        @Override
        public Suppressed.StrictBufferConfig withLoggingEnabled(Map<String, String> config) {
            return new Strict(maxRecords, maxBytes, new HashMap<>(config));
        }
    }

    private static final class Eager extends BufferConfigInternal<Suppressed.EagerBufferConfig>
            implements Suppressed.EagerBufferConfig {
        Eager(long maxRecords, long maxBytes, Map<String, String> logConfig) {
            super(maxRecords, maxBytes, BufferFullStrategy.EMIT, logConfig);
        }

        @Override
        public Suppressed.EagerBufferConfig withMaxRecords(long recordLimit) {
            return new Eager(recordLimit, maxBytes, logConfig);
        }

        @Override
        public Suppressed.EagerBufferConfig withMaxBytes(long byteLimit) {
            return new Eager(maxRecords, byteLimit, logConfig);
        }

        @Override
        public Suppressed.EagerBufferConfig withLoggingDisabled() {
            return new Eager(maxRecords, maxBytes, null);
        }

        @Override
        public Suppressed.EagerBufferConfig withLoggingEnabled(Map<String, String> config) {
            return new Eager(maxRecords, maxBytes, new HashMap<>(config));
        }
    }
}
