package dev.millrace.streams.processor.internals;

import dev.millrace.streams.StoreQueryParameters;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.errors.InvalidStateStorePartitionException;
import dev.millrace.streams.state.QueryableStoreType;
import dev.millrace.streams.state.internals.StateStoreProvider;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The stores of a name across the client's live stream threads, for one {@code KafkaStreams#store} call's
 * parameters; asked on every operation of the composite view, so a view follows rebalances and replaced threads.
 * None found: Kafka Streams' "may have migrated" error (or the partition error when a partition was asked for).
 */
public final class WrappingStoreProvider implements StateStoreProvider {
    private final Supplier<Collection<StreamThreadStateStoreProvider>> threads;
    private final StoreQueryParameters<?> params;

    public WrappingStoreProvider(Supplier<Collection<StreamThreadStateStoreProvider>> threads, StoreQueryParameters<?> params) {
        this.threads = threads;
        this.params = params;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<T> stores(String storeName, QueryableStoreType<T> queryableStoreType) {
        List<T> all = new ArrayList<>();
        for (StreamThreadStateStoreProvider thread : threads.get()) {
            List<T> stores = thread.stores((StoreQueryParameters<T>) params);
            if (!stores.isEmpty()) {
                all.addAll(stores);
                if (params.partition() != null) break;
            }
        }
        if (all.isEmpty()) {
            if (params.partition() != null) {
                throw new InvalidStateStorePartitionException(String.format("The specified partition %d for store %s does not exist.",
                        params.partition(), storeName));
            }
            throw new InvalidStateStoreException("The state store, " + storeName + ", may have migrated to another instance.");
        }
        return all;
    }
}
