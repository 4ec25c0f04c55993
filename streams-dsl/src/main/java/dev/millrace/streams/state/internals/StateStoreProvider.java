package dev.millrace.streams.state.internals;

import dev.millrace.streams.state.QueryableStoreType;

import java.util.List;

/** The local stores of a name and type that a composite view reads, asked again on every operation. */
public interface StateStoreProvider {
    <T> List<T> stores(String storeName, QueryableStoreType<T> queryableStoreType);
}
