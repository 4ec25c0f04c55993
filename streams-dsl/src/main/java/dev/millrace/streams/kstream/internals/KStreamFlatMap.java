package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.KeyValueMapper;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;

/** Forwards every pair the mapper returns, each with the input record's timestamp and headers. */
final class KStreamFlatMap<K, V, KR, VR> implements ProcessorSupplier<K, V, KR, VR> {
    private final KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper;

    KStreamFlatMap(KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper) {
        this.mapper = mapper;
    }

    @Override
    public Processor<K, V, KR, VR> get() {
        return new ContextualProcessor<>() {
            @Override
            public void process(Record<K, V> record) {
                for (KeyValue<? extends KR, ? extends VR> kv : mapper.apply(record.key(), record.value())) {
                    context().forward(record.<KR>withKey(kv.key).<VR>withValue(kv.value));
                }
            }
        };
    }
}
