package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;

/** Forwards every record unchanged: merge nodes, branch children and the repartition sink's parent. */
final class PassThrough<K, V> implements ProcessorSupplier<K, V, K, V> {
    @Override
    public Processor<K, V, K, V> get() {
        return new ContextualProcessor<>() {
            @Override
            public void process(Record<K, V> record) {
                context().forward(record);
            }
        };
    }
}
