package dev.millrace.streams.kstream;

import dev.millrace.streams.kstream.internals.suppress.BufferConfigInternal;
import dev.millrace.streams.kstream.internals.suppress.FinalResultsSuppression;
import dev.millrace.streams.kstream.internals.suppress.SuppressedInternal;

import java.time.Duration;
import java.util.Map;

/**
 * How {@link KTable#suppress} holds a table's updates back: until a window closes (final results only), or until no
 * update of a key came for a time. Time is stream time (the largest record timestamp seen), never the wall clock.
 */
public interface Suppressed<K> {
    /** A buffer that never emits early: unbounded, or failing the task when full. */
    interface StrictBufferConfig extends BufferConfig<StrictBufferConfig> {
    }

    /** A bounded buffer that emits its oldest records early when full. */
    interface EagerBufferConfig extends BufferConfig<EagerBufferConfig> {
    }

    interface BufferConfig<BC extends BufferConfig<BC>> {
        static EagerBufferConfig maxRecords(long recordLimit) {
            return BufferConfigInternal.eager(recordLimit, Long.MAX_VALUE, Map.of());
        }

        static EagerBufferConfig maxBytes(long byteLimit) {
            return BufferConfigInternal.eager(Long.MAX_VALUE, byteLimit, Map.of());
        }

        static StrictBufferConfig unbounded() {
            return BufferConfigInternal.strict(Long.MAX_VALUE, Long.MAX_VALUE, Map.of());
        }

        BC withMaxRecords(long recordLimit);

        BC withMaxBytes(long byteLimit);

        StrictBufferConfig withNoBound();

        StrictBufferConfig shutDownWhenFull();

        EagerBufferConfig emitEarlyWhenFull();

        BC withLoggingDisabled();

        BC withLoggingEnabled(Map<String, String> config);
    }

    /** Only each window's final result, once stream time passes its end plus grace. */
    @SuppressWarnings("rawtypes")
    static Suppressed<Windowed> untilWindowCloses(StrictBufferConfig bufferConfig) {
        return new FinalResultsSuppression<>(null, bufferConfig);
    }

    /** A key's latest update once stream time is {@code timeToWaitForMoreEvents} past the first buffered one. */
    static <K> Suppressed<K> untilTimeLimit(Duration timeToWaitForMoreEvents, BufferConfig<?> bufferConfig) {
        return new SuppressedInternal<>(null, timeToWaitForMoreEvents, bufferConfig, false);
    }

    Suppressed<K> withName(String name);
}
