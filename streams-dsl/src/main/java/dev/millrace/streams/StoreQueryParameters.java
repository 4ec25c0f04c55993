package dev.millrace.streams;

import dev.millrace.streams.state.QueryableStoreType;

import java.util.Objects;

/**
 * What {@link KafkaStreams#store} should hand out: the store's name and queryable type, optionally one partition only
 * ({@link #withPartition}) and optionally standby stores and stores still restoring too ({@link #enableStaleStores}).
 * Immutable; each {@code with...} returns a new instance, as Kafka Streams' class of the same name.
 */
public class StoreQueryParameters<T> {
    private final Integer partition;
    private final boolean staleStores;
    private final String storeName;
    private final QueryableStoreType<T> queryableStoreType;

    protected StoreQueryParameters(String storeName, QueryableStoreType<T> queryableStoreType, Integer partition, boolean staleStores) {
        this.storeName = storeName;
        this.queryableStoreType = queryableStoreType;
        this.partition = partition;
        this.staleStores = staleStores;
    }

    public static <T> StoreQueryParameters<T> fromNameAndType(String storeName, QueryableStoreType<T> queryableStoreType) {
        return new StoreQueryParameters<>(storeName, queryableStoreType, null, false);
    }

    /** Only the store of this partition's task; null: every local task's. */
    public StoreQueryParameters<T> withPartition(Integer partition) {
        return new StoreQueryParameters<>(storeName, queryableStoreType, partition, staleStores);
    }

    /** Standby replicas and stores of threads that are rebalancing are queried too: answers may lag the active. */
    public StoreQueryParameters<T> enableStaleStores() {
        return new StoreQueryParameters<>(storeName, queryableStoreType, partition, true);
    }

    public String storeName() {
        return storeName;
    }

    public QueryableStoreType<T> queryableStoreType() {
        return queryableStoreType;
    }

    public Integer partition() {
        return partition;
    }

    public boolean staleStoresEnabled() {
        return staleStores;
    }

    @Override
    public boolean equals(Object obj) {
        if (!(obj instanceof StoreQueryParameters<?> other)) return false;
        return Objects.equals(other.partition, partition) && other.staleStores == staleStores
                && Objects.equals(other.storeName, storeName) && Objects.equals(other.queryableStoreType, queryableStoreType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partition, staleStores, storeName, queryableStoreType);
    }

    @Override
    public String toString() {
        return "StoreQueryParameters {partition=" + partition + ", staleStores=" + staleStores + ", storeName=" + storeName
                + ", queryableStoreType=" + queryableStoreType + '}';
    }
}
