package dev.millrace.streams.processor.api;

import dev.millrace.streams.processor.Cancellable;
import dev.millrace.streams.processor.PunctuationType;
import dev.millrace.streams.processor.Punctuator;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.TaskId;
import org.apache.kafka.common.serialization.Serde;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What every processor can see of its task, as Kafka Streams' {@code ProcessingContext}. */
public interface ProcessingContext {
    String applicationId();

    TaskId taskId();

    /** The input record being processed; empty inside a punctuation. */
    Optional<RecordMetadata> recordMetadata();

    /** The default key serde ({@code default.key.serde}), or null when none is configured. */
    Serde<?> keySerde();

    Serde<?> valueSerde();

    File stateDir();

    /** A store connected to this processor; anything else throws {@link dev.millrace.streams.errors.StreamsException}. */
    <S extends StateStore> S getStateStore(String name);

    Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback);

    /** Schedules the first call at {@code startTime} (wall-clock only makes sense for it), then every interval. */
    Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback);

    /** Asks for a commit as soon as possible. */
    void commit();

    Map<String, Object> appConfigs();

    Map<String, Object> appConfigsWithPrefix(String prefix);

    long currentSystemTimeMs();

    long currentStreamTimeMs();

    /** The client's metrics, where a processor can add sensors of its own. */
    dev.millrace.streams.StreamsMetrics metrics();
}
