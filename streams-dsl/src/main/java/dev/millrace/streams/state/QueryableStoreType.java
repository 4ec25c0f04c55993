package dev.millrace.streams.state;

import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.state.internals.StateStoreProvider;

/**
 * A kind of store interactive queries can read ({@link QueryableStoreTypes} has the built-in ones): whether a store
 * is of the kind, and the read-only view over every local store of a name. As Kafka Streams' interface.
 */
public interface QueryableStoreType<T> {
    boolean accepts(StateStore stateStore);

    T create(StateStoreProvider storeProvider, String storeName);
}
