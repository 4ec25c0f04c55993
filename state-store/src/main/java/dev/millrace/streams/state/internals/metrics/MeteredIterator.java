package dev.millrace.streams.state.internals.metrics;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.WindowStoreIterator;

/**
 * An iterator a metered store hands out: counted among the store's open iterators, and, as in Kafka Streams, its
 * operation's latency ({@code range}, {@code all}, {@code fetch}...) runs from the iterator's creation to its close.
 */
public class MeteredIterator<K, V> implements KeyValueIterator<K, V> {
    private final KeyValueIterator<K, V> inner;
    private final StateStoreMetrics metrics;
    private final StateStoreMetrics.Op op;
    private final long startNs;
    private boolean closed;

    MeteredIterator(KeyValueIterator<K, V> inner, StateStoreMetrics metrics, StateStoreMetrics.Op op, long startNs) {
        this.inner = inner;
        this.metrics = metrics;
        this.op = op;
        this.startNs = startNs;
        metrics.iteratorOpened(this);
    }

    @Override
    public boolean hasNext() {
        return inner.hasNext();
    }

    @Override
    public KeyValue<K, V> next() {
        return inner.next();
    }

    @Override
    public K peekNextKey() {
        return inner.peekNextKey();
    }

    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            if (!closed) {
                closed = true;
                metrics.end(op, startNs);
                metrics.iteratorClosed(this);
            }
        }
    }

    /** The window-store form, whose keys are window start times. */
    static final class Window<V> extends MeteredIterator<Long, V> implements WindowStoreIterator<V> {
        Window(WindowStoreIterator<V> inner, StateStoreMetrics metrics, StateStoreMetrics.Op op, long startNs) {
            super(inner, metrics, op, startNs);
        }
    }
}
