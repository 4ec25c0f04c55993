package dev.millrace.streams.processor.internals;

import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.state.internals.CachingWindowStore;
import dev.millrace.streams.state.internals.ChangeLoggingWindowBytesStore;
import dev.millrace.streams.state.internals.InMemoryWindowStore;
import dev.millrace.streams.state.internals.MeteredWindowStore;
import dev.millrace.streams.state.internals.RocksDBWindowStore;
import dev.millrace.streams.state.internals.WindowToTimestampedWindowByteStoreAdapter;

/**
 * The puts a window store dropped because they were older than its retention (a stream-stream join's late records).
 * Kafka Streams counts them in the task's {@code dropped-records}; the engines count them, so this walks down a
 * store's layers to its engine. Zero for any other store.
 */
final class WindowStoreDrops {
    private WindowStoreDrops() {
    }

    static long of(StateStore store) {
        StateStore layer = store;
        while (layer != null) {
            if (layer instanceof RocksDBWindowStore rocks) return rocks.segmented().droppedRecords();
            if (layer instanceof InMemoryWindowStore heap) return heap.droppedRecords();
            if (layer instanceof MeteredWindowStore<?, ?> metered) layer = metered.wrapped();
            else if (layer instanceof ChangeLoggingWindowBytesStore logged) layer = logged.wrapped();
            else if (layer instanceof CachingWindowStore cached) layer = cached.wrapped();
            else if (layer instanceof WindowToTimestampedWindowByteStoreAdapter adapter) layer = adapter.wrapped();
            else return 0;
        }
        return 0;
    }
}
