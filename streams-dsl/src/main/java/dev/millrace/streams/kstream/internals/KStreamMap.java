package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.KeyValueMapper;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;

/** Replaces each record's key and value with the mapper's pair (also behind {@code selectKey} and {@code groupBy}). */
final class KStreamMap<K, V, KR, VR> implements ProcessorSupplier<K, V, KR, VR> {
    private final KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper;

    KStreamMap(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper) {
        this.mapper = mapper;
    }

    @Override
    public Processor<K, V, KR, VR> get() {
        return new ContextualProcessor<>() {
            @Override
            public void process(Record<K, V> record) {
                KeyValue<? extends KR, ? extends VR> kv = mapper.apply(record.key(), record.value());
                context().forward(record.<KR>withKey(kv.key).<VR>withValue(kv.value));
            }
        };
    }
}
