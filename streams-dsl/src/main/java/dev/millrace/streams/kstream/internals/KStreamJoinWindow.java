package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.WindowStore;

/**
 * The {@code KSTREAM-WINDOWED} node in front of each side of a stream-stream join: forwards the record to its join
 * processor first (which looks it up against the other side), then remembers it in this side's window store, keyed
 * at its own timestamp; the store's retention (window size plus grace) is what forgets it.
 */
final class KStreamJoinWindow<K, V> implements ProcessorSupplier<K, V, K, V> {
    private final String windowStoreName;

    KStreamJoinWindow(String windowStoreName) {
        this.windowStoreName = windowStoreName;
    }

    @Override
    public Processor<K, V, K, V> get() {
        return new ContextualProcessor<>() {
            private WindowStore<K, V> window;

            @Override
            public void init(ProcessorContext<K, V> context) {
                super.init(context);
                window = context.getStateStore(windowStoreName);
            }

            @Override
            public void process(Record<K, V> record) {
                context().forward(record);
                // a null key can never join, so it is not worth keeping
                if (record.key() != null) window.put(record.key(), record.value(), record.timestamp());
            }
        };
    }
}
