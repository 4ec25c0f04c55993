package dev.millrace.streams.state.internals;

import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.WindowStore;
import dev.millrace.streams.state.WindowStoreIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;

import java.util.Map;

/**
 * Sends every put of the window store below it to the changelog, keyed in {@link WindowKeySchema}'s layout
 * ({@code [key][start][seqnum]}, seqnum counted here as the store below counts it), so restore writes back exactly
 * the keys the store held. A null value is logged as a tombstone. Restore goes to the engine below this layer.
 */
public class ChangeLoggingWindowBytesStore extends ChangeLoggingSegmentedStore<WindowStore<Bytes, byte[]>>
        implements WindowStore<Bytes, byte[]> {
    private final boolean retainDuplicates;
    private int seqnum;

    public ChangeLoggingWindowBytesStore(WindowStore<Bytes, byte[]> inner, boolean retainDuplicates, long retentionPeriod,
                                         Map<String, String> logConfig) {
        super(inner, retentionPeriod, retainDuplicates, logConfig);
        this.retainDuplicates = retainDuplicates;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        WindowStore<Bytes, byte[]> engine = inner;
        while (engine instanceof WindowToTimestampedWindowByteStoreAdapter) {
            engine = ((WindowToTimestampedWindowByteStoreAdapter) engine).wrapped();
        }
        open(context, root, engine, this::restoredValue);
    }

    /** The value to store for a changelog record: as logged, here. */
    protected byte[] restoredValue(ConsumerRecord<byte[], byte[]> record) {
        return record.value();
    }

    /** Sends a change; {@code value} is as stored. Wall-clock record time until the runtime gives a record context. */
    protected void log(Bytes binaryKey, byte[] value) {
        changelog.log(binaryKey, value, System.currentTimeMillis());
    }

    @Override
    public synchronized void put(Bytes key, byte[] value, long windowStartTimestamp) {
        inner.put(key, value, windowStartTimestamp);
        if (retainDuplicates) {
            if (value == null) return; // the store below ignored it, and its seqnum did not move
            seqnum = (seqnum + 1) & 0x7FFFFFFF;
        }
        log(WindowKeySchema.toStoreKeyBinary(key, windowStartTimestamp, seqnum), value);
    }

    @Override
    public byte[] fetch(Bytes key, long time) {
        return inner.fetch(key, time);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return inner.fetch(key, timeFrom, timeTo);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return inner.backwardFetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return inner.fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return inner.backwardAll();
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return inner.fetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return inner.backwardFetchAll(timeFrom, timeTo);
    }
}
