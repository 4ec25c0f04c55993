package dev.millrace.streams.state.internals;

import dev.millrace.streams.processor.StateStore;
import org.apache.kafka.common.utils.Bytes;

import java.util.Comparator;
import java.util.function.Predicate;

/**
 * What the window and session caching layers share beyond the cache itself: cache keys segmented as the store's
 * segments ({@link SegmentedCacheKeys}), and retention applied with the stream time the store would have had once the
 * cached writes are down (its engine's, raised by the cached writes' times).
 *
 * @param <S> the bytes store below
 */
abstract class CachingSegmentedStore<S extends StateStore> extends CachingStore<S> {
    private final long retentionPeriod;
    protected final long segmentInterval;
    protected final SegmentedCacheKeys cacheKeys;
    /** Whether reads return cached entries older than the retention, as Kafka Streams' record cache does. */
    protected final boolean cachedOutliveRetention;
    private StreamTimeAware engine;
    /** The largest time cached writes moved stream time to; the store sees it only when they go down. */
    private long cachedStreamTime = -1;

    CachingSegmentedStore(S inner, long retentionPeriod, long segmentInterval, boolean cachedOutliveRetention) {
        super(inner);
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
        this.cacheKeys = new SegmentedCacheKeys(segmentInterval);
        this.cachedOutliveRetention = cachedOutliveRetention;
    }

    @Override
    protected void innerOpened() {
        engine = engineBelow(inner);
    }

    /** The engine below the changelog layer and adapters, for its stream time; null for a foreign store. */
    private static StreamTimeAware engineBelow(StateStore store) {
        StateStore s = store;
        while (!(s instanceof StreamTimeAware) && s instanceof WrappedStateStore<?> layer) s = layer.wrapped();
        return s instanceof StreamTimeAware aware ? aware : null;
    }

    /** A cached write at {@code time} moves the stream time the store will have once it is down. */
    protected void cachedWriteAt(long time) {
        cachedStreamTime = Math.max(cachedStreamTime, time);
    }

    /** Times at or below this are expired for the store as it will be once the cached writes are down. */
    protected long retentionCutoff() {
        return Math.max(engine == null ? -1 : engine.observedStreamTime(), cachedStreamTime) - retentionPeriod;
    }

    /**
     * The cached entries (by stored binary key) of the segments holding times {@code from} to {@code to} that
     * {@code matches} accepts, read lazily in {@code order}.
     */
    protected CachedWindowedCursor cachedCursor(long from, long to, boolean forward, Predicate<byte[]> matches, Comparator<byte[]> order) {
        Bytes lower = cacheKeys.lowerBound(from);
        Bytes upper = from > to ? lower : cacheKeys.upperBoundExclusive(to); // an empty range for an inverted one
        return new CachedWindowedCursor(namedCache(), lower, upper, forward, !inner.persistent(), matches, order);
    }
}
