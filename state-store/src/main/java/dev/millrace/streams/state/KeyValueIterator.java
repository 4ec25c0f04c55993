package dev.millrace.streams.state;

import dev.millrace.streams.KeyValue;

import java.io.Closeable;
import java.util.Iterator;

/**
 * An iterator over a store's entries in key order, as Kafka Streams' {@code KeyValueIterator}. It holds native or
 * snapshot resources, so it must be closed (try-with-resources); once it or its store is closed, every call throws
 * {@link dev.millrace.streams.errors.InvalidStateStoreException}.
 */
public interface KeyValueIterator<K, V> extends Iterator<KeyValue<K, V>>, Closeable {
    @Override
    void close();

    /** The key {@link #next()} would return, without advancing. @throws java.util.NoSuchElementException at the end */
    K peekNextKey();
}
