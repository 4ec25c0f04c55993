package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Predicate;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;

import java.util.List;

/**
 * Sends each record to the child of the first predicate it passes; with one child more than predicates, the last
 * child is the default branch. The lists are shared with {@link BranchedKStreamImpl}, which fills them as branches
 * are added.
 */
final class KStreamBranch<K, V> implements ProcessorSupplier<K, V, K, V> {
    private final List<Predicate<? super K, ? super V>> predicates;
    private final List<String> childNames;

    KStreamBranch(List<Predicate<? super K, ? super V>> predicates, List<String> childNames) {
        this.predicates = predicates;
        this.childNames = childNames;
    }

    @Override
    public Processor<K, V, K, V> get() {
        return new ContextualProcessor<>() {
            @Override
            public void process(Record<K, V> record) {
                for (int i = 0; i < predicates.size(); i++) {
                    if (predicates.get(i).test(record.key(), record.value())) {
                        context().forward(record, childNames.get(i));
                        return;
                    }
                }
                if (childNames.size() > predicates.size()) context().forward(record, childNames.get(childNames.size() - 1));
            }
        };
    }
}
