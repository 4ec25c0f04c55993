package dev.millrace.streams.state.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.WindowStore;
import dev.millrace.streams.state.WindowStoreIterator;
import org.apache.kafka.common.utils.Bytes;

import java.util.function.Function;

/**
 * A window store over time segments in RocksDB ({@link RocksDBSegmentedBytesStore} with {@link WindowKeySchema}), as
 * Kafka Streams' store of the same name. With {@code retainDuplicates} every put gets the next seqnum and a null
 * value is ignored; {@link #fetch(Bytes, long)} then looks up the latest seqnum only, as Kafka Streams does.
 */
public class RocksDBWindowStore extends RocksDBSegmentedStore implements WindowStore<Bytes, byte[]> {
    private final boolean retainDuplicates;
    private final long windowSize;
    private int seqnum;

    public RocksDBWindowStore(String name, long retentionPeriod, long segmentInterval, long windowSize, boolean retainDuplicates) {
        super(name, retentionPeriod, segmentInterval, WindowKeySchema.INSTANCE);
        this.retainDuplicates = retainDuplicates;
        this.windowSize = windowSize;
    }

    @Override
    public synchronized void put(Bytes key, byte[] value, long windowStartTimestamp) {
        BytesRanges.requireKey(key);
        if (value == null && retainDuplicates) return; // nothing to delete: every duplicate has its own seqnum
        if (retainDuplicates) seqnum = (seqnum + 1) & 0x7FFFFFFF;
        segmented.put(WindowKeySchema.toStoreKeyBinary(key, windowStartTimestamp, seqnum), value);
    }

    @Override
    public synchronized byte[] fetch(Bytes key, long time) {
        BytesRanges.requireKey(key);
        return segmented.get(WindowKeySchema.toStoreKeyBinary(key, time, seqnum));
    }

    private WindowStoreIterator<byte[]> values(KeyValueIterator<Bytes, byte[]> it) {
        return new MappedWindowStoreIterator<>(it, k -> WindowKeySchema.extractStoreTimestamp(k.get()), Function.identity());
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> windowed(KeyValueIterator<Bytes, byte[]> it) {
        return new MappedKeyValueIterator<>(it, k -> WindowKeySchema.fromStoreBytesKey(k.get(), windowSize), Function.identity());
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return values(segmented.fetch(key, timeFrom, timeTo, true));
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return values(segmented.fetch(key, timeFrom, timeTo, false));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return windowed(segmented.fetch(keyFrom, keyTo, timeFrom, timeTo, true));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return windowed(segmented.fetch(keyFrom, keyTo, timeFrom, timeTo, false));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return windowed(segmented.all(true));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return windowed(segmented.all(false));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return windowed(segmented.fetchAll(timeFrom, timeTo, true));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return windowed(segmented.fetchAll(timeFrom, timeTo, false));
    }
}
