package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.kstream.KeyValueMapper;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;

/**
 * {@code KTable.groupBy}'s selector ({@code KTABLE-SELECT-<n>}): maps a row's old and new values to their new keys and
 * values. When both land on the same key they travel as one change; otherwise the old pair goes first as a removal
 * (so the aggregate subtracts before it adds), then the new pair as an addition. A pair with a null key or value is
 * not forwarded.
 */
final class KTableRepartitionMap<K, V, K1, V1> implements ProcessorSupplier<K, Change<V>, K1, Change<V1>> {
    private final KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends K1, ? extends V1>> mapper;

    KTableRepartitionMap(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends K1, ? extends V1>> mapper) {
        this.mapper = mapper;
    }

    @Override
    public Processor<K, Change<V>, K1, Change<V1>> get() {
        return new ContextualProcessor<>() {
            @Override
            public void process(Record<K, Change<V>> record) {
                if (record.key() == null) throw new StreamsException("Record key for the grouping KTable should not be null.");
                KeyValue<? extends K1, ? extends V1> newPair = pair(record.key(), record.value().newValue);
                KeyValue<? extends K1, ? extends V1> oldPair = pair(record.key(), record.value().oldValue);
                if (oldPair != null && newPair != null && oldPair.key.equals(newPair.key)) {
                    context().forward(record.withKey((K1) oldPair.key).withValue(new Change<>(newPair.value, oldPair.value)));
                    return;
                }
                if (oldPair != null) context().forward(record.withKey((K1) oldPair.key).withValue(new Change<>(null, oldPair.value)));
                if (newPair != null) context().forward(record.withKey((K1) newPair.key).withValue(new Change<>(newPair.value, null)));
            }

            /** The selected pair, or null when the value is null or the pair has a null key or value. */
            private KeyValue<? extends K1, ? extends V1> pair(K key, V value) {
                if (value == null) return null;
                KeyValue<? extends K1, ? extends V1> pair = mapper.apply(key, value);
                return pair == null || pair.key == null || pair.value == null ? null : pair;
            }
        };
    }
}
