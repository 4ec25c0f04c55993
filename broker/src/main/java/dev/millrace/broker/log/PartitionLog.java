package dev.millrace.broker.log;

import dev.millrace.broker.log.SegmentFile.BatchLocation;
import dev.millrace.broker.record.BatchRecompressor;
import dev.millrace.broker.record.BatchValidator;
import dev.millrace.broker.record.CompressionType;
import dev.millrace.broker.record.RecordBatch;
import dev.millrace.broker.record.RecordValidationException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's log: a directory of segments, the newest of which takes appends.
 *
 * <p><b>Threading.</b> Single writer: the partition's owning I/O thread makes every mutating call
 * (append, roll, truncate, retention, flush, config, close). Those calls also take an uncontended lock,
 * so a maintenance pass from another thread stays correct, but the design assumes one owner. Reads
 * ({@link #read}, {@link #offsetForTimestamp}, the offset getters) work from any thread without
 * locks: they see only bytes below the published log end (volatile), which were fully written first.
 * Deleted segments stay open for {@code file.delete.delay.ms} so a read in flight never sees a closed
 * file. Never interrupt a thread while it reads a log: an interrupted NIO read closes the file channel.
 *
 * <p><b>Append path.</b> The produced batch is validated, checked against the producer's state,
 * stamped in place (base offset, leader epoch, LogAppendTime) and written from its own buffer; only a
 * topic that names a codec other than the producer's makes a copy. No per-record objects are built.
 */
public final class PartitionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    /** ListOffsets special timestamps (PROTOCOL.md 5.4). */
    public static final long LATEST_TIMESTAMP = -1L;
    public static final long EARLIEST_TIMESTAMP = -2L;
    public static final long MAX_TIMESTAMP = -3L;
    public static final long EARLIEST_LOCAL_TIMESTAMP = -4L;
    public static final long LATEST_TIERED_TIMESTAMP = -5L;

    private final Path dir;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, LogSegment> segments;
    private final LeaderEpochCache epochCache;
    private final ProducerStateManager producerState;
    private final OffsetCheckpoint offsetCheckpoint;
    private final BatchValidator validator = new BatchValidator();
    private final RecordBatch batchView = new RecordBatch();
    private final DeferredDeletes deferredDeletes = new DeferredDeletes();
    private final CleanerCheckpoint cleanerCheckpoint;
    /** The cleaner's progress; owner thread only. */
    private CleanerCheckpoint.State cleanerState;
    /** Bumped by every truncation: a clean planned before one must not be swapped in after it. */
    private long truncations;

    private volatile LogConfig config;
    private volatile LogOffsetMetadata endOffset;
    private volatile LogOffsetMetadata highWatermark;
    private volatile long logStartOffset;
    private volatile long recoveryPoint;
    private long unflushedMessages;
    private long lastFlushMs;
    private boolean closed;

    private PartitionLog(Path dir, LogConfig config, LongSupplier clock, LeaderEpochCache epochCache,
                         ProducerStateManager producerState, OffsetCheckpoint offsetCheckpoint,
                         LogLoader.Loaded loaded) {
        this.dir = dir;
        this.config = config;
        this.clock = clock;
        this.epochCache = epochCache;
        this.producerState = producerState;
        this.offsetCheckpoint = offsetCheckpoint;
        this.cleanerCheckpoint = new CleanerCheckpoint(dir);
        this.cleanerState = cleanerCheckpoint.read();
        this.segments = loaded.segments();
        this.logStartOffset = loaded.logStartOffset();
        this.recoveryPoint = loaded.recoveryPoint();
        this.lastFlushMs = clock.getAsLong();
        LogSegment active = segments.lastEntry().getValue();
        this.endOffset = new LogOffsetMetadata(loaded.logEndOffset(), active.baseOffset(), active.size());
        this.highWatermark = this.endOffset;
        this.highWatermark = offsetMetadata(loaded.highWatermark());
    }

    /**
     * Opens (creating if needed) the log in {@code dir}, recovering it first (see {@link LogLoader}).
     *
     * @param hadCleanShutdown whether the log directory carried the clean-shutdown marker; without it
     *     everything after the recovery point is checked batch by batch
     * @param clockMs wall clock in milliseconds (tests pass a manual one)
     */
    public static PartitionLog open(Path dir, LogConfig config, boolean hadCleanShutdown, LongSupplier clockMs) {
        return open(dir, config, hadCleanShutdown, clockMs, ProducerStateManager.DEFAULT_PRODUCER_ID_EXPIRATION_MS);
    }

    /** As {@link #open(Path, LogConfig, boolean, LongSupplier)}, with the broker's producer.id.expiration.ms. */
    public static PartitionLog open(Path dir, LogConfig config, boolean hadCleanShutdown, LongSupplier clockMs,
                                    long producerIdExpirationMs) {
        try {
            Files.createDirectories(dir);
            LeaderEpochCache epochs = new LeaderEpochCache(dir);
            boolean epochFileExisted = epochs.fileExists();
            ProducerStateManager producers = new ProducerStateManager(dir, producerIdExpirationMs);
            OffsetCheckpoint checkpoint = new OffsetCheckpoint(dir);
            LogLoader.Loaded loaded = LogLoader.load(dir, config, hadCleanShutdown, clockMs.getAsLong(), epochs,
                    epochFileExisted, producers, checkpoint.read());
            PartitionLog log = new PartitionLog(dir, config, clockMs, epochs, producers, checkpoint, loaded);
            log.writeCheckpoint();
            return log;
        } catch (IOException e) {
            throw new LogStorageException("Cannot open log " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The topic, from the directory name {@code <topic>-<partition>}. */
    public String topic() {
        return LogManager.topicOf(dir.getFileName().toString());
    }

    /** The partition number, from the directory name, or -1 when the name is not Kafka's layout. */
    public int partition() {
        return LogManager.parsePartition(dir.getFileName().toString());
    }

    public LogConfig config() {
        return config;
    }

    public LeaderEpochCache leaderEpochCache() {
        return epochCache;
    }

    /** Owner thread only. */
    public ProducerStateManager producerState() {
        return producerState;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return endOffset.offset();
    }

    public LogOffsetMetadata logEndOffsetMetadata() {
        return endOffset;
    }

    public long highWatermark() {
        return highWatermark.offset();
    }

    public LogOffsetMetadata highWatermarkMetadata() {
        return highWatermark;
    }

    /** Everything below this offset is fsynced; recovery after a crash starts here. */
    public long recoveryPoint() {
        return recoveryPoint;
    }

    /** Total bytes in all segments. */
    public long sizeInBytes() {
        long total = 0;
        for (LogSegment s : segments.values()) {
            total += s.size();
        }
        return total;
    }

    public int numberOfSegments() {
        return segments.size();
    }

    /** Base offsets of the live segments, ascending. */
    public List<Long> segmentBaseOffsets() {
        return new ArrayList<>(segments.keySet());
    }

    // ---- append ---------------------------------------------------------------------------------

    /**
     * Validates and appends one produced batch: the readable bytes of {@code batch}, exactly as the
     * Produce request carried them. The buffer is stamped in place (base offset, leader epoch,
     * timestamps) but not released: the caller owns it.
     *
     * @throws RecordValidationException when the batch breaks a rule (its reason names the error code)
     * @throws InvalidProducerEpochException for an older producer epoch
     * @throws OutOfOrderSequenceException for a sequence gap or a new epoch not starting at 0
     * @throws LogStorageException on I/O failure
     */
    public LogAppendInfo appendAsLeader(ByteBuf batch, int leaderEpoch, short produceVersion) {
        lock.lock();
        try {
            ensureOpen();
            LogConfig cfg = config;
            long now = clock.getAsLong();
            BatchValidator.Result validated = validator.validate(batch, produceVersion, cfg.validationRules(), now);
            RecordBatch view = batchView.wrap(batch, batch.readerIndex());
            if (view.hasProducerId()) {
                ProducerStateManager.BatchMetadata duplicate = producerState.findDuplicate(view);
                if (duplicate != null) {
                    return new LogAppendInfo(duplicate.firstOffset(), duplicate.lastOffset(), duplicate.timestamp(),
                            cfg.isLogAppendTime() ? duplicate.timestamp() : RecordBatch.NO_TIMESTAMP, logStartOffset,
                            (int) (duplicate.lastOffset() - duplicate.firstOffset() + 1), true);
                }
                producerState.checkAppend(view);
            }
            ByteBuf toWrite = batch;
            ByteBuf recompressed = null;
            CompressionType target = cfg.compression();
            if (target != null && target.id() != view.compressionId()) {
                recompressed = BatchRecompressor.recompress(view, target, cfg.compressionLevel(), ByteBufAllocator.DEFAULT);
                toWrite = recompressed;
                view = batchView.wrap(recompressed, recompressed.readerIndex());
            }
            try {
                return append(toWrite, view, validated, leaderEpoch, cfg, now);
            } finally {
                if (recompressed != null) {
                    recompressed.release();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private LogAppendInfo append(ByteBuf bytes, RecordBatch view, BatchValidator.Result validated, int leaderEpoch,
                                 LogConfig cfg, long now) {
        int size = view.sizeInBytes();
        if (size > cfg.maxMessageBytes()) {
            throw new RecordValidationException(RecordValidationException.Reason.MESSAGE_TOO_LARGE,
                    "Batch of " + size + " bytes after recompression exceeds max.message.bytes " + cfg.maxMessageBytes());
        }
        if (size > cfg.segmentBytes()) {
            throw new RecordValidationException(RecordValidationException.Reason.MESSAGE_TOO_LARGE,
                    "Batch of " + size + " bytes exceeds segment.bytes " + cfg.segmentBytes());
        }
        long baseOffset = endOffset.offset();
        view.setBaseOffset(baseOffset);
        view.setPartitionLeaderEpoch(leaderEpoch);
        long maxTimestamp;
        long logAppendTime;
        if (cfg.isLogAppendTime()) {
            view.setLogAppendTime(now);
            maxTimestamp = now;
            logAppendTime = now;
        } else {
            view.setCreateTimeMaxTimestamp(validated.maxTimestamp());
            maxTimestamp = validated.maxTimestamp();
            logAppendTime = RecordBatch.NO_TIMESTAMP;
        }
        long lastOffset = view.lastOffset();
        try {
            LogSegment segment = maybeRoll(size, maxTimestamp, lastOffset, now);
            if (leaderEpoch >= 0 && leaderEpoch > epochCache.latestEpoch()) {
                epochCache.assign(leaderEpoch, baseOffset);
            }
            segment.append(bytes, lastOffset, maxTimestamp);
            producerState.update(view);
            endOffset = new LogOffsetMetadata(lastOffset + 1, segment.baseOffset(), segment.size());
        } catch (IOException e) {
            throw new LogStorageException("Cannot append to " + dir, e);
        }
        unflushedMessages += view.recordCount();
        if (unflushedMessages >= cfg.flushMessages() || now - lastFlushMs >= cfg.flushMs()) {
            flushToEnd();
        }
        return new LogAppendInfo(baseOffset, lastOffset, maxTimestamp, logAppendTime, logStartOffset,
                view.recordCount(), false);
    }

    private LogSegment maybeRoll(int batchSize, long maxTimestamp, long lastOffset, long now) throws IOException {
        LogSegment active = segments.lastEntry().getValue();
        if (active.shouldRoll(config, batchSize, maxTimestamp, lastOffset, now)) {
            return roll(now);
        }
        return active;
    }

    /** Starts a new active segment at the log end; the old one is flushed by the next {@link #flush}. */
    private LogSegment roll(long now) throws IOException {
        long newBase = endOffset.offset();
        LogSegment previous = segments.lastEntry().getValue();
        if (previous.baseOffset() == newBase && previous.size() == 0) {
            return previous;
        }
        previous.onBecomeInactive();
        producerState.setMapEndOffset(newBase);
        producerState.takeSnapshot();
        LogConfig cfg = config;
        LogSegment segment = LogSegment.open(dir, newBase, cfg, rollJitter(cfg), now);
        segments.put(newBase, segment);
        endOffset = new LogOffsetMetadata(newBase, newBase, 0);
        LOG.debug("Rolled {} to a new segment at offset {}", dir, newBase);
        return segment;
    }

    private static long rollJitter(LogConfig cfg) {
        long max = Math.min(cfg.segmentJitterMs(), cfg.segmentMs());
        return max <= 0 ? 0 : ThreadLocalRandom.current().nextLong(max);
    }

    /** Rolls now if the active segment holds anything (e.g. before deleting every segment). */
    public void roll() {
        lock.lock();
        try {
            ensureOpen();
            roll(clock.getAsLong());
        } catch (IOException e) {
            throw new LogStorageException("Cannot roll " + dir, e);
        } finally {
            lock.unlock();
        }
    }

    // ---- read -----------------------------------------------------------------------------------

    /**
     * Whole batches from the one holding {@code startOffset}: at most {@code maxBytes}, but with
     * {@code minOneMessage} at least the first batch even when larger (KIP-74); never a batch at or past
     * {@code maxOffsetExclusive} (normally the high watermark). Safe from any thread.
     *
     * @throws OffsetOutOfRangeException when {@code startOffset} is below the log start or above the
     *     log end
     */
    public FetchDataInfo read(long startOffset, int maxBytes, long maxOffsetExclusive, boolean minOneMessage) {
        LogOffsetMetadata end = endOffset;
        long start = logStartOffset;
        if (startOffset < start || startOffset > end.offset()) {
            throw new OffsetOutOfRangeException("Offset " + startOffset + " is out of range for " + dir.getFileName()
                    + ": log start " + start + ", log end " + end.offset());
        }
        long bound = Math.min(maxOffsetExclusive, end.offset());
        if (startOffset >= bound) {
            return FetchDataInfo.EMPTY;
        }
        LogOffsetMetadata hw = highWatermark;
        LogOffsetMetadata limit = bound == end.offset() ? end : bound == hw.offset() ? hw : offsetMetadata(bound);
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(startOffset);
        if (entry == null) {
            throw new OffsetOutOfRangeException("Offset " + startOffset + " is below the first segment of "
                    + dir.getFileName());
        }
        try {
            while (entry != null && entry.getKey() <= limit.segmentBaseOffset()) {
                LogSegment segment = entry.getValue();
                int maxPosition = segment.baseOffset() == limit.segmentBaseOffset() ? limit.position() : segment.size();
                FetchDataInfo info = segment.read(startOffset, maxBytes, maxPosition, minOneMessage);
                if (info != null) {
                    return info;
                }
                entry = segments.higherEntry(entry.getKey());
            }
            return FetchDataInfo.EMPTY;
        } catch (IOException e) {
            throw new LogStorageException("Cannot read " + dir, e);
        }
    }

    /**
     * Where {@code offset}'s batch starts: the segment holding it and the position of the first batch
     * whose last offset is at least {@code offset} (the segment end when there is none).
     */
    private LogOffsetMetadata offsetMetadata(long offset) {
        LogOffsetMetadata end = endOffset;
        if (offset >= end.offset()) {
            return end;
        }
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(offset);
        if (entry == null) {
            entry = segments.firstEntry();
        }
        LogSegment segment = entry.getValue();
        try {
            int size = segment.baseOffset() == end.segmentBaseOffset() ? end.position() : segment.size();
            BatchLocation location = segment.translateOffset(offset, size);
            return new LogOffsetMetadata(offset, segment.baseOffset(), location == null ? size : location.position());
        } catch (IOException e) {
            throw new LogStorageException("Cannot locate offset " + offset + " in " + dir, e);
        }
    }

    // ---- offsets by timestamp ---------------------------------------------------------------------

    /**
     * ListOffsets for one partition. {@code timestamp} is either a time (first record with a timestamp
     * at or after it) or one of the special values: {@link #EARLIEST_TIMESTAMP} and
     * {@link #EARLIEST_LOCAL_TIMESTAMP} (log start), {@link #LATEST_TIMESTAMP} (the high watermark, what
     * read_uncommitted consumers can see), {@link #MAX_TIMESTAMP} (the record with the largest
     * timestamp). Only records below the high watermark are found; empty when none matches (answer -1).
     * {@link #LATEST_TIERED_TIMESTAMP} is always empty: there is no tiered storage.
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) {
        long hw = highWatermark();
        if (timestamp == EARLIEST_TIMESTAMP || timestamp == EARLIEST_LOCAL_TIMESTAMP) {
            long start = logStartOffset;
            return Optional.of(new TimestampAndOffset(RecordBatch.NO_TIMESTAMP, start, epochCache.epochForOffset(start)));
        }
        if (timestamp == LATEST_TIMESTAMP) {
            return Optional.of(new TimestampAndOffset(RecordBatch.NO_TIMESTAMP, hw, epochCache.epochForOffset(hw - 1)));
        }
        if (timestamp < 0 && timestamp != MAX_TIMESTAMP) {
            return Optional.empty();
        }
        try {
            Optional<TimestampAndOffset> found = timestamp == MAX_TIMESTAMP ? findMaxTimestamp() : findByTimestamp(timestamp);
            return found.filter(t -> t.offset() < hw);
        } catch (IOException e) {
            throw new LogStorageException("Cannot search " + dir + " by timestamp", e);
        }
    }

    private Optional<TimestampAndOffset> findByTimestamp(long timestamp) throws IOException {
        long start = logStartOffset;
        LogOffsetMetadata end = endOffset;
        for (LogSegment segment : segments.values()) {
            if (segment.maxTimestampSoFar() < timestamp) {
                continue;
            }
            int maxPosition = segment.baseOffset() == end.segmentBaseOffset() ? end.position() : segment.size();
            TimestampAndOffset found = segment.findOffsetByTimestamp(timestamp, start, maxPosition);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private Optional<TimestampAndOffset> findMaxTimestamp() throws IOException {
        LogSegment best = null;
        for (LogSegment segment : segments.values()) {
            if (segment.maxTimestampSoFar() >= 0 && (best == null || segment.maxTimestampSoFar() > best.maxTimestampSoFar())) {
                best = segment;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        LogOffsetMetadata end = endOffset;
        int maxPosition = best.baseOffset() == end.segmentBaseOffset() ? end.position() : best.size();
        return Optional.ofNullable(best.findOffsetByTimestamp(best.maxTimestampSoFar(), logStartOffset, maxPosition));
    }

    // ---- offsets ----------------------------------------------------------------------------------

    /**
     * Sets the high watermark, clamped into [log start, log end]. Single node: call it with the log end
     * after each append. Persisted on flush and close.
     */
    public void updateHighWatermark(long offset) {
        lock.lock();
        try {
            long clamped = Math.min(Math.max(offset, logStartOffset), endOffset.offset());
            highWatermark = offsetMetadata(clamped);
        } finally {
            lock.unlock();
        }
    }

    /**
     * DeleteRecords: moves the log start offset up to {@code offset} (at most the high watermark; -1
     * means the high watermark, as in the DeleteRecords API) and deletes segments wholly below it.
     * Returns the new log start offset (the low watermark).
     *
     * @throws OffsetOutOfRangeException when {@code offset} is above the high watermark
     */
    public long deleteRecordsBefore(long offset) {
        lock.lock();
        try {
            ensureOpen();
            long hw = highWatermark();
            if (offset == -1L) {
                offset = hw;
            }
            if (offset > hw || offset < 0) {
                throw new OffsetOutOfRangeException("Cannot delete records before " + offset + " in "
                        + dir.getFileName() + ": not within [0, high watermark " + hw + "]");
            }
            if (offset > logStartOffset) {
                logStartOffset = offset;
                epochCache.truncateFromStart(offset);
                deleteSegments(segmentsBelowLogStart(), "log start offset " + offset);
                writeCheckpoint();
            }
            return logStartOffset;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops every offset at or above {@code offset} (a diverged follower, or a test). The batch holding
     * {@code offset} goes whole; indexes, producer state and leader epochs follow. A target below the
     * log start empties the log and restarts it there.
     */
    public void truncateTo(long offset) {
        lock.lock();
        try {
            ensureOpen();
            if (offset >= endOffset.offset()) {
                return;
            }
            long now = clock.getAsLong();
            if (offset < logStartOffset || offset <= segments.firstKey()) {
                truncateFullyAndStartAt(offset, now);
                return;
            }
            List<LogSegment> later = new ArrayList<>(segments.tailMap(offset, false).values());
            for (LogSegment segment : later) {
                segments.remove(segment.baseOffset());
            }
            deferredDeletes.schedule(later, now, config.fileDeleteDelayMs());
            LogSegment active = segments.lastEntry().getValue();
            active.truncateTo(offset);
            long newEnd = active.readNextOffset();
            endOffset = new LogOffsetMetadata(newEnd, active.baseOffset(), active.size());
            afterTruncation(newEnd, now);
        } catch (IOException e) {
            throw new LogStorageException("Cannot truncate " + dir + " to " + offset, e);
        } finally {
            lock.unlock();
        }
    }

    private void truncateFullyAndStartAt(long offset, long now) throws IOException {
        List<LogSegment> all = new ArrayList<>(segments.values());
        LogConfig cfg = config;
        // a new segment file at an existing base would collide with the doomed one's name
        for (LogSegment segment : all) {
            segments.remove(segment.baseOffset());
        }
        deferredDeletes.schedule(all, now, config.fileDeleteDelayMs());
        segments.put(offset, LogSegment.open(dir, offset, cfg, rollJitter(cfg), now));
        endOffset = new LogOffsetMetadata(offset, offset, 0);
        logStartOffset = offset;
        epochCache.truncateFromStart(offset);
        afterTruncation(offset, now);
    }

    private void afterTruncation(long newEnd, long now) throws IOException {
        truncations++;
        if (cleanerState.firstDirtyOffset() > newEnd) {
            // offsets at and above newEnd will be written anew: they are dirty again
            cleanerState = new CleanerCheckpoint.State(newEnd, cleanerState.nextDeleteHorizonMs());
            cleanerCheckpoint.write(cleanerState);
        }
        epochCache.truncateFromEnd(newEnd);
        if (highWatermark.offset() > newEnd || highWatermark.offset() < logStartOffset) {
            highWatermark = offsetMetadata(Math.min(Math.max(highWatermark.offset(), logStartOffset), newEnd));
        }
        recoveryPoint = Math.min(recoveryPoint, newEnd);
        LogLoader.rebuildProducerState(producerState, segments, newEnd, now);
        writeCheckpoint();
    }

    // ---- retention --------------------------------------------------------------------------------

    /**
     * One retention pass ({@link RetentionPolicy}): with cleanup.policy delete, segments older than
     * retention.ms (by their largest timestamp) and the oldest segments beyond retention.bytes go; under
     * any policy, segments wholly below the log start offset go. Only segments wholly below the high
     * watermark are touched; the active segment too when it qualifies (a fresh one is rolled first).
     * Files of deleted segments are removed file.delete.delay.ms later, by a later pass. Returns the
     * number of segments deleted.
     */
    public int deleteExpiredSegments() {
        lock.lock();
        try {
            ensureOpen();
            long now = clock.getAsLong();
            LogConfig cfg = config;
            int deleted = 0;
            if (cfg.isDeleteEnabled()) {
                deleted += deleteSegments(RetentionPolicy.byTime(segments.values(), retentionBounds(), now, cfg.retentionMs()),
                        "retention.ms " + cfg.retentionMs());
                deleted += deleteSegments(RetentionPolicy.bySize(segments.values(), retentionBounds(), cfg.retentionBytes()),
                        "retention.bytes " + cfg.retentionBytes());
            }
            deleted += deleteSegments(segmentsBelowLogStart(), "log start offset " + logStartOffset);
            deferredDeletes.removeDue(now);
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    private RetentionPolicy.Bounds retentionBounds() {
        return new RetentionPolicy.Bounds(highWatermark(), endOffset.offset());
    }

    private List<LogSegment> segmentsBelowLogStart() {
        return RetentionPolicy.belowLogStart(segments.values(), retentionBounds(), logStartOffset);
    }

    private int deleteSegments(List<LogSegment> doomed, String reason) {
        if (doomed.isEmpty()) {
            return 0;
        }
        long now = clock.getAsLong();
        try {
            if (doomed.size() == segments.size()) {
                // every segment goes: keep a fresh active one at the log end
                roll(now);
            }
            for (LogSegment segment : doomed) {
                segments.remove(segment.baseOffset());
            }
            deferredDeletes.schedule(doomed, now, config.fileDeleteDelayMs());
        } catch (IOException e) {
            throw new LogStorageException("Cannot delete segments of " + dir, e);
        }
        long firstBase = segments.firstKey();
        if (firstBase > logStartOffset) {
            logStartOffset = firstBase;
            epochCache.truncateFromStart(firstBase);
        }
        producerState.deleteSnapshotsBefore(firstBase);
        writeCheckpoint();
        LOG.info("Deleted {} segment(s) of {} by {}", doomed.size(), dir.getFileName(), reason);
        return doomed.size();
    }

    /** Forgets idempotent producers idle for producer.id.expiration.ms. Returns how many. */
    public int removeExpiredProducers() {
        lock.lock();
        try {
            return producerState.removeExpiredProducers(clock.getAsLong());
        } finally {
            lock.unlock();
        }
    }

    // ---- compaction (the work itself is LogCleaner's) ----------------------------------------------

    /** What one clean works on, fixed on the owner thread when it is planned. */
    record CleanPlan(LogConfig config, long nowMs, long firstDirtyOffset, long firstUncleanableOffset,
                     List<LogSegment> segments, Map<Long, Long> producerLastOffsets, long truncations,
                     double dirtyRatio) {
        /** The offset just past {@code segments.get(i)}: the next segment's base, or the uncleanable bound. */
        long segmentEnd(int i) {
            return i + 1 < segments.size() ? segments.get(i + 1).baseOffset() : firstUncleanableOffset;
        }
    }

    /** The first offset the cleaner has not cleaned yet (the cleaner checkpoint). Owner thread only. */
    public long firstDirtyOffset() {
        lock.lock();
        try {
            return Math.max(cleanerState.firstDirtyOffset(), logStartOffset);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Owner thread: decides whether the log is worth cleaning now and fixes what the clean may touch, or
     * returns null. The cleanable range runs from the log start to the first uncleanable offset: never
     * the active segment, never the segment holding the high watermark or anything after it, never a
     * segment with a record newer than min.compaction.lag.ms. It is worth cleaning when its dirty part
     * (from the cleaner checkpoint on) is at least min.cleanable.dirty.ratio of it, when the oldest dirty
     * record is older than max.compaction.lag.ms, or when kept tombstones have reached their delete
     * horizon (so they go even if nothing new is written).
     */
    CleanPlan planClean() {
        lock.lock();
        try {
            ensureOpen();
            LogConfig cfg = config;
            if (!cfg.isCompacted()) {
                return null;
            }
            long now = clock.getAsLong();
            long start = logStartOffset;
            long firstDirty = cleanerState.firstDirtyOffset();
            if (firstDirty < start || firstDirty > endOffset.offset()) {
                firstDirty = start;
            }
            long firstUncleanable = segments.lastKey();
            Long hwSegment = segments.floorKey(highWatermark.offset());
            if (hwSegment != null) {
                // segment-aligned, so the high watermark's cached file position never points into a cleaned file
                firstUncleanable = Math.min(firstUncleanable, hwSegment);
            }
            long lag = cfg.minCompactionLagMs();
            if (lag > 0) {
                for (LogSegment s : segments.headMap(firstUncleanable, false).values()) {
                    if (s.largestTimestamp() > now - lag) {
                        firstUncleanable = s.baseOffset();
                        break;
                    }
                }
            }
            List<LogSegment> cleanable = new ArrayList<>(segments.headMap(firstUncleanable, false).values());
            if (cleanable.isEmpty()) {
                return null;
            }
            long cleanBytes = 0;
            long dirtyBytes = 0;
            long firstDirtyTimestamp = RecordBatch.NO_TIMESTAMP;
            for (int i = 0; i < cleanable.size(); i++) {
                LogSegment s = cleanable.get(i);
                long segmentEnd = i + 1 < cleanable.size() ? cleanable.get(i + 1).baseOffset() : firstUncleanable;
                if (segmentEnd <= firstDirty) {
                    cleanBytes += s.size();
                } else {
                    dirtyBytes += s.size();
                    if (firstDirtyTimestamp == RecordBatch.NO_TIMESTAMP) {
                        firstDirtyTimestamp = s.firstBatchTimestamp();
                    }
                }
            }
            double ratio = cleanBytes + dirtyBytes == 0 ? 0 : (double) dirtyBytes / (cleanBytes + dirtyBytes);
            boolean overdue = firstDirtyTimestamp >= 0 && now - firstDirtyTimestamp > cfg.maxCompactionLagMs();
            long horizon = cleanerState.nextDeleteHorizonMs();
            boolean tombstonesDue = horizon >= 0 && now >= horizon;
            boolean worthIt = (dirtyBytes > 0 && (ratio >= cfg.minCleanableDirtyRatio() || overdue)) || tombstonesDue;
            if (!worthIt) {
                return null;
            }
            return new CleanPlan(cfg, now, firstDirty, firstUncleanable, List.copyOf(cleanable),
                    producerState.lastOffsetsByProducer(), truncations, ratio);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Owner thread: creates the files of a cleaned segment ({@code .cleaned}) for the cleaner to fill. Done
     * here, under the lock, so that no file appears in a log that is being deleted.
     */
    LogSegment createCleanedSegment(long baseOffset) {
        lock.lock();
        try {
            ensureOpen();
            for (String suffix : new String[] {LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX}) {
                Files.deleteIfExists(LogSegment.file(dir, baseOffset, suffix + LogSegment.CLEANED_SUFFIX));
            }
            return LogSegment.open(dir, baseOffset, config, 0L, clock.getAsLong(), LogSegment.CLEANED_SUFFIX);
        } catch (IOException e) {
            throw new LogStorageException("Cannot create a cleaned segment in " + dir, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Owner thread: swaps a finished cleaned segment (flushed, named {@code .cleaned}) in for the group of
     * segments it was cleaned from. Returns false, changing nothing, when the log moved under the clean
     * (a group segment was deleted or the log truncated or closed); the caller then discards the files.
     *
     * <p>File protocol, Kafka's: rename {@code .cleaned} to {@code .swap} (the commit point: from here a
     * restart completes the swap, see {@link LogLoader}), publish the new segment in place of the old ones,
     * rename the old ones {@code .deleted} (their files stay open for readers in flight, file.delete.delay.ms),
     * then drop the {@code .swap} suffix. Every step is a rename, so the owner thread is held only briefly.
     */
    boolean replaceSegments(CleanPlan plan, List<LogSegment> group, LogSegment cleaned, CleanerFaults faults) {
        lock.lock();
        try {
            if (closed || plan.truncations() != truncations) {
                return false;
            }
            for (LogSegment old : group) {
                if (segments.get(old.baseOffset()) != old) {
                    return false;
                }
            }
            cleaned.changeFileSuffixes(LogSegment.CLEANED_SUFFIX, LogSegment.SWAP_SUFFIX);
            CheckpointFile.fsyncDirectory(dir);
            faults.at(CleanerFaults.Step.SWAP_FILE_WRITTEN);
            // the new segment takes the first base of the group, so a reader never finds the range unmapped
            segments.put(cleaned.baseOffset(), cleaned);
            for (LogSegment old : group) {
                if (old.baseOffset() != cleaned.baseOffset()) {
                    segments.remove(old.baseOffset());
                }
            }
            long now = clock.getAsLong();
            deferredDeletes.schedule(group, now, config.fileDeleteDelayMs());
            faults.at(CleanerFaults.Step.OLD_SEGMENTS_DELETED);
            cleaned.changeFileSuffixes(LogSegment.SWAP_SUFFIX, "");
            CheckpointFile.fsyncDirectory(dir);
            long hwSegment = highWatermark.segmentBaseOffset();
            for (LogSegment old : group) {
                if (old.baseOffset() == hwSegment) {
                    highWatermark = offsetMetadata(highWatermark.offset());
                    break;
                }
            }
            faults.at(CleanerFaults.Step.SWAPPED);
            return true;
        } catch (IOException e) {
            throw new LogStorageException("Cannot swap cleaned segment " + cleaned + " into " + dir, e);
        } finally {
            lock.unlock();
        }
    }

    /** Owner thread: records that everything below {@code firstDirtyOffset} is clean. */
    void cleaningDone(CleanPlan plan, long firstDirtyOffset, long nextDeleteHorizonMs) {
        lock.lock();
        try {
            if (closed || plan.truncations() != truncations) {
                return;
            }
            cleanerState = new CleanerCheckpoint.State(firstDirtyOffset, nextDeleteHorizonMs);
            cleanerCheckpoint.write(cleanerState);
        } finally {
            lock.unlock();
        }
    }

    // ---- flush, config, close -------------------------------------------------------------------

    /**
     * fsyncs everything up to the log end, moves the recovery point there and persists the offsets
     * checkpoint (log start, recovery point, high watermark).
     */
    public void flush() {
        lock.lock();
        try {
            ensureOpen();
            flushToEnd();
            writeCheckpoint();
        } finally {
            lock.unlock();
        }
    }

    /** The fsync part of {@link #flush()}; the append path uses it alone for flush.messages / flush.ms. */
    private void flushToEnd() {
        long end = endOffset.offset();
        try {
            if (end > recoveryPoint || unflushedMessages > 0) {
                Long from = segments.floorKey(recoveryPoint);
                for (LogSegment segment : (from == null ? segments : segments.tailMap(from, true)).values()) {
                    segment.flush();
                }
                recoveryPoint = end;
            }
        } catch (IOException e) {
            throw new LogStorageException("Cannot flush " + dir, e);
        }
        unflushedMessages = 0;
        lastFlushMs = clock.getAsLong();
    }

    /**
     * Periodic durability work, for the owner's timer: fsyncs segments that were rolled since the last
     * flush (Kafka flushes a segment when it is rolled), fsyncs everything when flush.ms has passed
     * with unflushed messages, and persists the offsets checkpoint.
     */
    public void maybeFlush() {
        lock.lock();
        try {
            ensureOpen();
            if (unflushedMessages > 0 && clock.getAsLong() - lastFlushMs >= config.flushMs()) {
                flushToEnd();
            } else {
                flushRolledSegments();
            }
            writeCheckpoint();
        } finally {
            lock.unlock();
        }
    }

    private void flushRolledSegments() {
        long activeBase = segments.lastKey();
        if (recoveryPoint >= activeBase) {
            return;
        }
        Long from = segments.floorKey(recoveryPoint);
        try {
            for (LogSegment segment : (from == null ? segments : segments.tailMap(from, true)).headMap(activeBase, false).values()) {
                segment.flush();
            }
        } catch (IOException e) {
            throw new LogStorageException("Cannot flush " + dir, e);
        }
        recoveryPoint = activeBase;
    }

    /** Swaps in a new config (AlterConfigs); segment-shape changes apply from the next segment. */
    public void updateConfig(LogConfig newConfig) {
        lock.lock();
        try {
            config = newConfig;
        } finally {
            lock.unlock();
        }
    }

    private void writeCheckpoint() {
        offsetCheckpoint.write(new OffsetCheckpoint.Offsets(logStartOffset, recoveryPoint, highWatermark.offset()));
    }

    /** Flushes, snapshots producer state at the log end, checkpoints offsets and closes every file. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            flushToEnd();
            producerState.setMapEndOffset(endOffset.offset());
            producerState.takeSnapshot();
            writeCheckpoint();
            closeFiles();
        } finally {
            lock.unlock();
        }
    }

    private void closeFiles() {
        closed = true;
        deferredDeletes.removeAll();
        for (LogSegment segment : segments.values()) {
            try {
                segment.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot close {}: {}", segment, e.toString());
            }
        }
    }

    /** Closes without flushing and removes the directory with everything in it (topic deletion). */
    public void delete() {
        lock.lock();
        try {
            if (!closed) {
                closeFiles();
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                List<Path> paths = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
                for (Path p : paths) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new LogStorageException("Cannot delete " + dir, e);
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogStorageException("Log " + dir + " is closed");
        }
    }

    /** Live segments, oldest first (tests and tools). */
    Collection<LogSegment> segments() {
        return segments.values();
    }

    @Override
    public String toString() {
        return "PartitionLog(" + dir.getFileName() + ", start=" + logStartOffset + ", end=" + endOffset.offset()
                + ", hw=" + highWatermark.offset() + ")";
    }
}
