package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.ForeachAction;
import dev.millrace.streams.processor.api.ContextualFixedKeyProcessor;
import dev.millrace.streams.processor.api.FixedKeyProcessor;
import dev.millrace.streams.processor.api.FixedKeyProcessorSupplier;
import dev.millrace.streams.processor.api.FixedKeyRecord;

/** Runs an action per record; {@code peek} forwards the record on, {@code foreach} ends the stream. */
final class KStreamPeek<K, V> implements FixedKeyProcessorSupplier<K, V, V> {
    private final ForeachAction<? super K, ? super V> action;
    private final boolean forward;

    KStreamPeek(ForeachAction<? super K, ? super V> action, boolean forward) {
        this.action = action;
        this.forward = forward;
    }

    @Override
    public FixedKeyProcessor<K, V, V> get() {
        return new ContextualFixedKeyProcessor<>() {
            @Override
            public void process(FixedKeyRecord<K, V> record) {
                action.apply(record.key(), record.value());
                if (forward) context().forward(record);
            }
        };
    }
}
