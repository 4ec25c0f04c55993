package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.ValueMapperWithKey;
import dev.millrace.streams.processor.api.ContextualFixedKeyProcessor;
import dev.millrace.streams.processor.api.FixedKeyProcessor;
import dev.millrace.streams.processor.api.FixedKeyProcessorSupplier;
import dev.millrace.streams.processor.api.FixedKeyRecord;

/** Replaces each record's value; the key stays (also behind {@code KTable.toStream}). */
final class KStreamMapValues<K, V, VR> implements FixedKeyProcessorSupplier<K, V, VR> {
    private final ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper;

    KStreamMapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        this.mapper = mapper;
    }

    @Override
    public FixedKeyProcessor<K, V, VR> get() {
        return new ContextualFixedKeyProcessor<>() {
            @Override
            public void process(FixedKeyRecord<K, V> record) {
                context().forward(record.withValue(mapper.apply(record.key(), record.value())));
            }
        };
    }
}
