package dev.millrace.streams.processor.internals;

import dev.millrace.streams.StoreQueryParameters;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.QueryableStoreType;
import dev.millrace.streams.state.QueryableStoreTypes;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.TimestampedWindowStore;
import dev.millrace.streams.state.internals.ReadOnlyKeyValueStoreFacade;
import dev.millrace.streams.state.internals.ReadOnlyWindowStoreFacade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one stream thread exposes to interactive queries, as Kafka Streams' class of the same name: its state and a
 * snapshot of its active and standby tasks' stores, which the thread replaces whenever its tasks change (queries
 * run on other threads and never wait for processing). Only a {@code RUNNING} thread's active stores are
 * queryable, unless stale stores are enabled: then any live thread's active and standby stores are.
 */
public final class StreamThreadStateStoreProvider {
    private volatile StreamThreadState state = StreamThreadState.CREATED;
    private volatile Map<TaskId, Map<String, StateStore>> active = Map.of();
    private volatile Map<TaskId, Map<String, StateStore>> standby = Map.of();

    void setState(StreamThreadState state) {
        this.state = state;
    }

    public StreamThreadState state() {
        return state;
    }

    /** The thread's tasks and their (outermost) stores, replaced as a whole. */
    void tasksChanged(Map<TaskId, Map<String, StateStore>> active, Map<TaskId, Map<String, StateStore>> standby) {
        this.active = Map.copyOf(active);
        this.standby = Map.copyOf(standby);
    }

    public Map<TaskId, Map<String, StateStore>> activeTasks() {
        return active;
    }

    public Map<TaskId, Map<String, StateStore>> standbyTasks() {
        return standby;
    }

    public <T> List<T> stores(StoreQueryParameters<T> params) {
        StreamThreadState s = state;
        if (s == StreamThreadState.DEAD) return List.of();
        String storeName = params.storeName();
        boolean stale = params.staleStoresEnabled();
        if (!(stale ? s.isAlive() : s == StreamThreadState.RUNNING)) {
            throw new InvalidStateStoreException("Cannot get state store " + storeName + " because the stream thread is " + s
                    + ", not RUNNING" + (stale ? " or REBALANCING" : ""));
        }
        Map<TaskId, Map<String, StateStore>> tasks = new TreeMap<>(active);
        if (stale) tasks.putAll(standby);
        List<T> out = new ArrayList<>();
        for (Map.Entry<TaskId, Map<String, StateStore>> task : tasks.entrySet()) {
            if (params.partition() != null && task.getKey().partition() != params.partition()) continue;
            StateStore store = task.getValue().get(storeName);
            if (store == null) continue;
            out.add(validateAndCast(store, params.queryableStoreType(), storeName, task.getKey()));
            if (params.partition() != null) break;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> T validateAndCast(StateStore store, QueryableStoreType<T> type, String storeName, TaskId taskId) {
        if (!type.accepts(store)) {
            throw new InvalidStateStoreException("Cannot get state store " + storeName + " because the queryable store type ["
                    + type.getClass() + "] does not accept the actual store type [" + store.getClass() + "].");
        }
        if (!store.isOpen()) {
            throw new InvalidStateStoreException("Cannot get state store " + storeName + " for task " + taskId
                    + " because the store is not open. The state store may have migrated to another instance.");
        }
        // a timestamped store asked for as a plain one answers plain values, as Kafka Streams' facades do
        if (store instanceof TimestampedKeyValueStore<?, ?> kv && type instanceof QueryableStoreTypes.KeyValueStoreType) {
            return (T) new ReadOnlyKeyValueStoreFacade<>((TimestampedKeyValueStore<Object, Object>) kv);
        }
        if (store instanceof TimestampedWindowStore<?, ?> w && type instanceof QueryableStoreTypes.WindowStoreType) {
            return (T) new ReadOnlyWindowStoreFacade<>((TimestampedWindowStore<Object, Object>) w);
        }
        return (T) store;
    }
}
