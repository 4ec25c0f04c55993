package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Predicate;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;

/** Forwards the records that pass the predicate ({@code filterNot}: those that fail it). */
final class KStreamFilter<K, V> implements ProcessorSupplier<K, V, K, V> {
    private final Predicate<? super K, ? super V> predicate;
    private final boolean filterNot;

    KStreamFilter(Predicate<? super K, ? super V> predicate, boolean filterNot) {
        this.predicate = predicate;
        this.filterNot = filterNot;
    }

    @Override
    public Processor<K, V, K, V> get() {
        return new ContextualProcessor<>() {
            @Override
            public void process(Record<K, V> record) {
                if (filterNot ^ predicate.test(record.key(), record.value())) context().forward(record);
            }
        };
    }
}
