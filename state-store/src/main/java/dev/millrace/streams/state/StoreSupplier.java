package dev.millrace.streams.state;

import dev.millrace.streams.processor.StateStore;

/** Makes the innermost storage engine of a store, as Kafka Streams' {@code StoreSupplier}. */
public interface StoreSupplier<T extends StateStore> {
    String name();

    /** A new, unopened store instance each call: every task gets its own. */
    T get();

    /** The metrics scope of the store type, e.g. {@code rocksdb}, {@code in-memory}. */
    String metricsScope();
}
