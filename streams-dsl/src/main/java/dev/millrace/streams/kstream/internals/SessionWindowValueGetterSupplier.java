package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.state.SessionStore;
import dev.millrace.streams.state.ValueAndTimestamp;

/**
 * Reads a session aggregate: the session with the key's exact start and end. Sessions keep no timestamp of their
 * own; the session's end stands for it, as in Kafka Streams.
 */
final class SessionWindowValueGetterSupplier<K, V> implements KTableValueGetterSupplier<Windowed<K>, V> {
    private final String storeName;

    SessionWindowValueGetterSupplier(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public KTableValueGetter<Windowed<K>, V> get() {
        return new KTableValueGetter<>() {
            private SessionStore<K, V> store;

            @Override
            public void init(ProcessorContext<?, ?> context) {
                store = context.getStateStore(storeName);
            }

            @Override
            public ValueAndTimestamp<V> get(Windowed<K> key) {
                return ValueAndTimestamp.make(store.fetchSession(key.key(), key.window().start(), key.window().end()),
                        key.window().end());
            }
        };
    }

    @Override
    public String[] storeNames() {
        return new String[] {storeName};
    }
}
