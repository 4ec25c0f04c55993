package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.ValueMapperWithKey;
import dev.millrace.streams.processor.api.ContextualFixedKeyProcessor;
import dev.millrace.streams.processor.api.FixedKeyProcessor;
import dev.millrace.streams.processor.api.FixedKeyProcessorSupplier;
import dev.millrace.streams.processor.api.FixedKeyRecord;

/** Forwards one record per value the mapper returns, under the input's key. */
final class KStreamFlatMapValues<K, V, VR> implements FixedKeyProcessorSupplier<K, V, VR> {
    private final ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper;

    KStreamFlatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper) {
        this.mapper = mapper;
    }

    @Override
    public FixedKeyProcessor<K, V, VR> get() {
        return new ContextualFixedKeyProcessor<>() {
            @Override
            public void process(FixedKeyRecord<K, V> record) {
                for (VR v : mapper.apply(record.key(), record.value())) context().forward(record.withValue(v));
            }
        };
    }
}
