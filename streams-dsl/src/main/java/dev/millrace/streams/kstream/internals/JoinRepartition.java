package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.common.serialization.Serde;

import java.util.Set;

/**
 * A key-changed stream written through a repartition topic for a join. Kafka Streams reuses it when the same stream
 * is joined again without a name, and drops null keys before the topic unless some join reading it is a left or
 * outer join (whose outer side emits null-keyed records); the flag is read when tasks are built, so a later join can
 * still turn it on.
 */
final class JoinRepartition<K, V> {
    private KStreamImpl<K, V> repartitioned;
    private volatile boolean keepNullKeys;

    private JoinRepartition(boolean keepNullKeys) {
        this.keepNullKeys = keepNullKeys;
    }

    /** The processor in front of the topic's sink. */
    private ProcessorSupplier<K, V, K, V> nullKeyFilter() {
        return new KStreamFilter<>((k, v) -> k != null || keepNullKeys, false);
    }

    /**
     * Writes {@code stream} through {@code <repartitionName>-repartition} with these serdes (null: the stream's), or
     * reuses the topic of an earlier unnamed join of the same stream (the node names are taken from the counter
     * either way, as Kafka Streams does).
     */
    static <K, V> KStreamImpl<K, V> of(KStreamImpl<K, V> stream, String repartitionName, Serde<K> keySerdeOverride,
                                       Serde<V> valueSerdeOverride, boolean keepNullKeys) {
        Serde<K> keySerde = keySerdeOverride != null ? keySerdeOverride : stream.keySerde;
        Serde<V> valueSerde = valueSerdeOverride != null ? valueSerdeOverride : stream.valueSerde;
        JoinRepartition<K, V> existing = stream.joinRepartition;
        if (existing != null && stream.name.equals(repartitionName)) {
            stream.builder.newProcessorName(KStreamImpl.SINK_NAME);
            stream.builder.newProcessorName(KStreamImpl.FILTER_NAME);
            stream.builder.newProcessorName(KStreamImpl.SOURCE_NAME);
            existing.keepNullKeys |= keepNullKeys;
            return existing.repartitioned;
        }
        JoinRepartition<K, V> made = new JoinRepartition<>(keepNullKeys);
        String source = KStreamImpl.createRepartitionedSource(stream.builder, keySerde, valueSerde, repartitionName, stream.name,
                made.nullKeyFilter());
        made.repartitioned = new KStreamImpl<>(source, keySerde, valueSerde, Set.of(source), false, stream.builder);
        stream.joinRepartition = made;
        return made.repartitioned;
    }
}
