package dev.millrace.streams.state;

/**
 * The windows of one key, keyed by window start timestamp, as Kafka Streams' {@code WindowStoreIterator}. It must be
 * closed like every store iterator.
 */
public interface WindowStoreIterator<V> extends KeyValueIterator<Long, V> {
    @Override
    void close();
}
