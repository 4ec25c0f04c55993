package dev.millrace.streams.state.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.TimestampedBytesStore;
import dev.millrace.streams.state.WindowStore;
import dev.millrace.streams.state.WindowStoreIterator;
import org.apache.kafka.common.utils.Bytes;

import java.util.Arrays;

/**
 * Lets a timestamped window store builder use a persistent supplier that stores plain values, as Kafka Streams'
 * adapter of the same name: timestamps are dropped on write and read back as -1.
 */
public class WindowToTimestampedWindowByteStoreAdapter extends WrappedStateStore<WindowStore<Bytes, byte[]>>
        implements WindowStore<Bytes, byte[]>, TimestampedBytesStore {
    public WindowToTimestampedWindowByteStoreAdapter(WindowStore<Bytes, byte[]> inner) {
        super(requirePersistent(inner));
    }

    private static WindowStore<Bytes, byte[]> requirePersistent(WindowStore<Bytes, byte[]> inner) {
        if (!inner.persistent()) throw new IllegalArgumentException("Provided store must be a persistent store, but it is not.");
        return inner;
    }

    private static byte[] plain(byte[] timestamped) {
        return timestamped == null ? null : Arrays.copyOfRange(timestamped, 8, timestamped.length);
    }

    private static byte[] stamped(byte[] plain) {
        return TimestampedBytesStore.convertToTimestampedFormat(plain);
    }

    private static WindowStoreIterator<byte[]> stamped(WindowStoreIterator<byte[]> it) {
        return new MappedWindowStoreIterator<>(it, t -> t, WindowToTimestampedWindowByteStoreAdapter::stamped);
    }

    private static KeyValueIterator<Windowed<Bytes>, byte[]> stamped(KeyValueIterator<Windowed<Bytes>, byte[]> it) {
        return new MappedKeyValueIterator<>(it, k -> k, WindowToTimestampedWindowByteStoreAdapter::stamped);
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
        inner.put(key, plain(value), windowStartTimestamp);
    }

    @Override
    public byte[] fetch(Bytes key, long time) {
        return stamped(inner.fetch(key, time));
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return stamped(inner.fetch(key, timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return stamped(inner.backwardFetch(key, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return stamped(inner.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return stamped(inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return stamped(inner.all());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return stamped(inner.backwardAll());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return stamped(inner.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return stamped(inner.backwardFetchAll(timeFrom, timeTo));
    }

    @Override
    public boolean persistent() {
        return true;
    }
}
