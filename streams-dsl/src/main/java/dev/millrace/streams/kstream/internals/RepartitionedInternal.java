package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Repartitioned;
import dev.millrace.streams.processor.StreamPartitioner;
import org.apache.kafka.common.serialization.Serde;

/** Reads a {@link Repartitioned}'s settings for the DSL, which the public class keeps to itself. */
final class RepartitionedInternal<K, V> extends Repartitioned<K, V> {
    RepartitionedInternal(Repartitioned<K, V> repartitioned) {
        super(repartitioned);
    }

    String name() {
        return name;
    }

    Serde<K> keySerde() {
        return keySerde;
    }

    Serde<V> valueSerde() {
        return valueSerde;
    }

    /** The topic's partition count, or null to take the count of the sub-topology writing it. */
    Integer numberOfPartitions() {
        return numberOfPartitions;
    }

    StreamPartitioner<K, V> streamPartitioner() {
        return partitioner;
    }
}
