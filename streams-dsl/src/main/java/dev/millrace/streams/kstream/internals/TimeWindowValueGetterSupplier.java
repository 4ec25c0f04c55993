package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.state.TimestampedWindowStore;
import dev.millrace.streams.state.ValueAndTimestamp;

/** Reads a time-windowed (tumbling, hopping, sliding) aggregate: the window of the key's start, from its window store. */
final class TimeWindowValueGetterSupplier<K, V> implements KTableValueGetterSupplier<Windowed<K>, V> {
    private final String storeName;

    TimeWindowValueGetterSupplier(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public KTableValueGetter<Windowed<K>, V> get() {
        return new KTableValueGetter<>() {
            private TimestampedWindowStore<K, V> store;

            @Override
            public void init(ProcessorContext<?, ?> context) {
                store = context.getStateStore(storeName);
            }

            @Override
            public ValueAndTimestamp<V> get(Windowed<K> key) {
                return store.fetch(key.key(), key.window().start());
            }
        };
    }

    @Override
    public String[] storeNames() {
        return new String[] {storeName};
    }
}
