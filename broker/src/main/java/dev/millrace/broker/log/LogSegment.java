package dev.millrace.broker.log;

import dev.millrace.broker.log.SegmentFile.BatchLocation;
import dev.millrace.broker.record.RecordBatch;
import dev.millrace.broker.record.RecordReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One segment of a partition's log: the {@code <base offset>.log} file with its offset and time indexes.
 * It appends batches and keeps the sparse indexes current, translates offsets and timestamps into file
 * positions, reads whole-batch ranges, and rebuilds itself from its file after a crash ({@link #recover}).
 *
 * <p>Threading as in {@link PartitionLog}: the owner thread appends, truncates and recovers; reads,
 * translations and timestamp searches work from any thread on committed bytes.
 */
final class LogSegment implements AutoCloseable {
    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final String TIME_INDEX_SUFFIX = ".timeindex";
    static final String DELETED_SUFFIX = ".deleted";
    /** A segment the cleaner is still writing; never part of the log, deleted on load. */
    static final String CLEANED_SUFFIX = ".cleaned";
    /** A finished cleaned segment that replaces the segments in its offset range; completed on load. */
    static final String SWAP_SUFFIX = ".swap";

    private final long baseOffset;
    private final SegmentFile log;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final int indexIntervalBytes;
    private final long rollJitterMs;
    private final long createdMs;

    private int bytesSinceLastIndexEntry;
    /** Max timestamp of any batch in the segment, and the last offset of the batch holding it. */
    private volatile long maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
    private volatile long shallowOffsetOfMaxTimestampSoFar;
    /** Max timestamp of the first batch: segment.ms counts from it, as in Kafka. */
    private long rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
    private ByteBuffer recoveryBuffer;

    private LogSegment(long baseOffset, SegmentFile log, OffsetIndex offsetIndex, TimeIndex timeIndex,
                       int indexIntervalBytes, long rollJitterMs, long createdMs) {
        this.baseOffset = baseOffset;
        this.log = log;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.indexIntervalBytes = indexIntervalBytes;
        this.rollJitterMs = rollJitterMs;
        this.createdMs = createdMs;
        this.shallowOffsetOfMaxTimestampSoFar = baseOffset;
    }

    /** Opens (or creates) the segment with base {@code baseOffset} in {@code dir}. */
    static LogSegment open(Path dir, long baseOffset, LogConfig config, long rollJitterMs, long nowMs) throws IOException {
        return open(dir, baseOffset, config, rollJitterMs, nowMs, "");
    }

    /**
     * Opens (or creates) a segment whose three file names carry {@code fileSuffix} after their usual
     * suffix, e.g. {@code .cleaned} for one the cleaner is writing.
     */
    static LogSegment open(Path dir, long baseOffset, LogConfig config, long rollJitterMs, long nowMs, String fileSuffix)
            throws IOException {
        SegmentFile log = SegmentFile.open(file(dir, baseOffset, LOG_SUFFIX + fileSuffix));
        OffsetIndex offsetIndex = null;
        try {
            offsetIndex = new OffsetIndex(file(dir, baseOffset, INDEX_SUFFIX + fileSuffix), baseOffset,
                    config.segmentIndexBytes());
            TimeIndex timeIndex = new TimeIndex(file(dir, baseOffset, TIME_INDEX_SUFFIX + fileSuffix), baseOffset,
                    config.segmentIndexBytes());
            LogSegment segment = new LogSegment(baseOffset, log, offsetIndex, timeIndex, config.indexIntervalBytes(),
                    rollJitterMs, nowMs);
            segment.loadTimestampsFromIndex();
            return segment;
        } catch (IOException | RuntimeException e) {
            log.close();
            if (offsetIndex != null) {
                offsetIndex.close();
            }
            throw e;
        }
    }

    static Path logFile(Path dir, long baseOffset) {
        return file(dir, baseOffset, LOG_SUFFIX);
    }

    static Path file(Path dir, long baseOffset, String suffix) {
        return dir.resolve(filenamePrefix(baseOffset) + suffix);
    }

    /** Kafka's naming: the base offset zero-padded to 20 digits, so names sort like offsets. */
    static String filenamePrefix(long offset) {
        return String.format("%020d", offset);
    }

    private void loadTimestampsFromIndex() throws IOException {
        TimeIndex.Entry last = timeIndex.lastEntry();
        if (last.timestamp() >= 0) {
            maxTimestampSoFar = last.timestamp();
            shallowOffsetOfMaxTimestampSoFar = last.offset();
        }
        if (log.size() > 0) {
            ByteBuffer header = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
            if (log.readFully(header, 0, log.size())) {
                rollingBasedTimestamp = header.getLong(RecordBatch.MAX_TIMESTAMP_OFFSET);
            }
        }
    }

    long baseOffset() {
        return baseOffset;
    }

    int size() {
        return log.size();
    }

    SegmentFile file() {
        return log;
    }

    OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    TimeIndex timeIndex() {
        return timeIndex;
    }

    long maxTimestampSoFar() {
        return maxTimestampSoFar;
    }

    long shallowOffsetOfMaxTimestampSoFar() {
        return shallowOffsetOfMaxTimestampSoFar;
    }

    /** Max timestamp of the first batch, or -1 when empty: max.compaction.lag.ms counts from it. */
    long firstBatchTimestamp() {
        return rollingBasedTimestamp;
    }

    /** The timestamp retention judges this segment by: its max timestamp, else the file's mtime. */
    long largestTimestamp() {
        long max = maxTimestampSoFar;
        return max >= 0 ? max : log.lastModifiedMs();
    }

    /**
     * Appends one stamped batch (the readable bytes of {@code batch}) and indexes it when a full
     * {@code index.interval.bytes} has passed since the last entry.
     */
    void append(ByteBuf batch, long lastOffset, long maxTimestamp) throws IOException {
        int position = log.append(batch);
        if (rollingBasedTimestamp == RecordBatch.NO_TIMESTAMP && position == 0) {
            rollingBasedTimestamp = maxTimestamp;
        }
        if (maxTimestamp > maxTimestampSoFar) {
            maxTimestampSoFar = maxTimestamp;
            shallowOffsetOfMaxTimestampSoFar = lastOffset;
        }
        indexBatch(lastOffset, position, batch.readableBytes());
    }

    /**
     * Appends a batch the cleaner wrote. Unlike produced batches nothing rolls this segment when an index
     * fills, so a full index just stops taking entries (lookups then scan a little further).
     */
    void appendCleaned(ByteBuf batch, long lastOffset, long maxTimestamp) throws IOException {
        if (offsetIndex.isFull() || timeIndex.isFull()) {
            bytesSinceLastIndexEntry = Integer.MIN_VALUE;
        }
        append(batch, lastOffset, maxTimestamp);
    }

    private void indexBatch(long lastOffset, int position, int batchSize) {
        if (bytesSinceLastIndexEntry > indexIntervalBytes) {
            offsetIndex.append(lastOffset, position);
            timeIndex.maybeAppend(maxTimestampSoFar, shallowOffsetOfMaxTimestampSoFar, false);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += batchSize;
    }

    /**
     * Kafka's roll rule: the next batch would overflow segment.bytes, the segment is older than
     * segment.ms minus this segment's jitter, an index is full, or the batch's offsets would not fit
     * the 32-bit relative offsets of the indexes.
     */
    boolean shouldRoll(LogConfig config, int batchSize, long batchMaxTimestamp, long batchLastOffset, long nowMs) {
        int size = log.size();
        if (size == 0) {
            return false;
        }
        long waited = rollingBasedTimestamp != RecordBatch.NO_TIMESTAMP && batchMaxTimestamp >= 0
                ? batchMaxTimestamp - rollingBasedTimestamp
                : nowMs - createdMs;
        return size > config.segmentBytes() - batchSize
                || waited > config.maxSegmentMs() - rollJitterMs
                || offsetIndex.isFull()
                || timeIndex.isFull()
                || batchLastOffset - baseOffset > Integer.MAX_VALUE;
    }

    /** The first batch whose last offset is at least {@code offset}, below {@code maxPosition}; or null. */
    BatchLocation translateOffset(long offset, int maxPosition) throws IOException {
        OffsetIndex.Entry entry = offsetIndex.lookup(offset);
        int start = Math.min(entry.position(), maxPosition);
        return log.searchForOffset(offset, start, Math.min(maxPosition, log.size()));
    }

    /**
     * Whole batches from the one holding {@code startOffset}, up to {@code maxSize} bytes and never past
     * {@code maxPosition} (a batch boundary: the high watermark's or the file end). With
     * {@code minOneMessage} the first batch is returned even when larger than {@code maxSize} (KIP-74).
     * Null when no batch at or after {@code startOffset} lies below {@code maxPosition}.
     */
    FetchDataInfo read(long startOffset, int maxSize, int maxPosition, boolean minOneMessage) throws IOException {
        int limitPosition = Math.min(maxPosition, log.size());
        BatchLocation first = translateOffset(startOffset, limitPosition);
        if (first == null) {
            return null;
        }
        int firstEnd = first.position() + first.size();
        if (first.size() > maxSize) {
            return minOneMessage
                    ? new FetchDataInfo(log.channel(), first.position(), first.size(), first.baseOffset(), baseOffset)
                    : new FetchDataInfo(log.channel(), first.position(), 0, first.baseOffset(), baseOffset);
        }
        long wanted = (long) first.position() + maxSize;
        int end;
        if (wanted >= limitPosition) {
            end = limitPosition;
        } else {
            // start from the indexed batch boundary nearest below the byte limit, then walk whole batches
            int limit = (int) wanted;
            int indexed = offsetIndex.lookupByPosition(limit).position();
            end = log.lastBatchBoundary(Math.max(indexed, firstEnd), limit);
        }
        return new FetchDataInfo(log.channel(), first.position(), end - first.position(), first.baseOffset(), baseOffset);
    }

    /**
     * The first record at or after {@code startingOffset} with a timestamp at least {@code timestamp};
     * null when the segment has none. Walks records only inside the one batch that holds the answer.
     */
    TimestampAndOffset findOffsetByTimestamp(long timestamp, long startingOffset, int maxPosition) throws IOException {
        TimeIndex.Entry timeEntry = timeIndex.lookupBefore(timestamp);
        long fromOffset = Math.max(timeEntry.timestamp() < 0 ? baseOffset : timeEntry.offset() + 1, startingOffset);
        int limit = Math.min(maxPosition, log.size());
        int position = offsetIndex.lookup(fromOffset).position();
        while (true) {
            BatchLocation location = log.searchForOffset(fromOffset, Math.min(position, limit), limit);
            if (location == null) {
                return null;
            }
            ByteBuffer bytes = log.readBatch(location);
            RecordBatch batch = new RecordBatch(Unpooled.wrappedBuffer(bytes), 0);
            if (batch.maxTimestamp() >= timestamp) {
                TimestampAndOffset found = searchBatch(batch, timestamp, fromOffset);
                if (found != null) {
                    return found;
                }
            }
            position = location.position() + location.size();
            fromOffset = location.lastOffset() + 1;
        }
    }

    private static TimestampAndOffset searchBatch(RecordBatch batch, long timestamp, long fromOffset) {
        if (batch.isLogAppendTime()) {
            return new TimestampAndOffset(batch.maxTimestamp(), Math.max(batch.baseOffset(), fromOffset),
                    batch.partitionLeaderEpoch());
        }
        try (RecordReader reader = new RecordReader().open(batch)) {
            while (reader.next()) {
                long offset = batch.baseOffset() + reader.offsetDelta();
                long ts = batch.baseTimestamp() + reader.timestampDelta();
                if (offset >= fromOffset && ts >= timestamp) {
                    return new TimestampAndOffset(ts, offset, batch.partitionLeaderEpoch());
                }
            }
        }
        return null;
    }

    /**
     * The offset just past the last batch in the file, or the base offset when empty. Reads the index's
     * last entry and scans the few batches after it.
     */
    long readNextOffset() throws IOException {
        int size = log.size();
        OffsetIndex.Entry entry = offsetIndex.lookup(Long.MAX_VALUE);
        int position = Math.min(entry.position(), size);
        long next = baseOffset;
        ByteBuffer header = ByteBuffer.allocate(SegmentFile.OFFSETS_HEADER_SIZE);
        while (true) {
            header.clear();
            if (!log.readFully(header, position, size)) {
                return next;
            }
            int batchSize = header.getInt(RecordBatch.BATCH_LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
            if (batchSize < RecordBatch.HEADER_SIZE) {
                return next;
            }
            next = header.getLong(RecordBatch.BASE_OFFSET_OFFSET) + header.getInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET) + 1;
            position += batchSize;
        }
    }

    /**
     * Shows every batch header from the batch holding {@code fromOffset} to the end of the file, without
     * checking CRCs (the batches were validated on append or by recovery). The flyweight handed to
     * {@code visitor} covers the 61-byte header only and is reused.
     */
    void forEachBatchHeader(long fromOffset, Consumer<RecordBatch> visitor) throws IOException {
        int size = log.size();
        BatchLocation first = translateOffset(fromOffset, size);
        if (first == null) {
            return;
        }
        ByteBuffer header = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
        RecordBatch batch = new RecordBatch(Unpooled.wrappedBuffer(header), 0);
        int position = first.position();
        while (true) {
            header.clear();
            if (!log.readFully(header, position, size)) {
                return;
            }
            int batchSize = header.getInt(RecordBatch.BATCH_LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
            if (batchSize < RecordBatch.HEADER_SIZE) {
                return;
            }
            visitor.accept(batch);
            position += batchSize;
        }
    }

    /**
     * Rebuilds the indexes from the file, checking every batch (size, magic, monotonic offsets, CRC), and
     * cuts the file at the first batch that fails. Every valid batch is shown to {@code onBatch}
     * (producer state, leader epochs). Returns the number of bytes cut.
     */
    int recover(Consumer<RecordBatch> onBatch) throws IOException {
        offsetIndex.reset();
        timeIndex.reset();
        bytesSinceLastIndexEntry = 0;
        maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
        shallowOffsetOfMaxTimestampSoFar = baseOffset;
        rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
        int size = log.size();
        int position = 0;
        long previousLastOffset = baseOffset - 1;
        ByteBuffer header = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
        RecordBatch batch = new RecordBatch();
        while (true) {
            header.clear();
            if (!log.readFully(header, position, size)) {
                break;
            }
            int batchSize = header.getInt(RecordBatch.BATCH_LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
            long batchBase = header.getLong(RecordBatch.BASE_OFFSET_OFFSET);
            int lastDelta = header.getInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET);
            if (batchSize < RecordBatch.HEADER_SIZE || position + (long) batchSize > size
                    || header.get(RecordBatch.MAGIC_OFFSET) != RecordBatch.MAGIC
                    || batchBase <= previousLastOffset || lastDelta < 0
                    || batchBase + lastDelta - baseOffset > Integer.MAX_VALUE) {
                break;
            }
            ByteBuffer bytes = recoveryBuffer(batchSize);
            if (!log.readFully(bytes, position, size)) {
                break;
            }
            bytes.flip();
            ByteBuf wrapped = Unpooled.wrappedBuffer(bytes);
            batch.wrap(wrapped, 0);
            if (!batch.isCrcValid()) {
                break;
            }
            long lastOffset = batch.lastOffset();
            if (rollingBasedTimestamp == RecordBatch.NO_TIMESTAMP) {
                rollingBasedTimestamp = batch.maxTimestamp();
            }
            if (batch.maxTimestamp() > maxTimestampSoFar) {
                maxTimestampSoFar = batch.maxTimestamp();
                shallowOffsetOfMaxTimestampSoFar = lastOffset;
            }
            if (offsetIndex.isFull() || timeIndex.isFull()) {
                // an index cannot hold this segment's entries (segment.index.bytes shrank): keep what fits
                bytesSinceLastIndexEntry = Integer.MIN_VALUE;
            }
            indexBatch(lastOffset, position, batchSize);
            onBatch.accept(batch);
            previousLastOffset = lastOffset;
            position += batchSize;
        }
        int truncated = size - position;
        if (truncated > 0) {
            log.truncateTo(position);
        }
        timeIndex.maybeAppend(maxTimestampSoFar, shallowOffsetOfMaxTimestampSoFar, true);
        return truncated;
    }

    private ByteBuffer recoveryBuffer(int size) {
        if (recoveryBuffer == null || recoveryBuffer.capacity() < size) {
            recoveryBuffer = ByteBuffer.allocate(Math.max(size, 64 * 1024));
        }
        recoveryBuffer.clear().limit(size);
        return recoveryBuffer;
    }

    /**
     * Drops every batch holding offsets at or above {@code offset} (the batch holding {@code offset} goes
     * whole). Returns the bytes removed.
     */
    int truncateTo(long offset) throws IOException {
        BatchLocation location = translateOffset(offset, log.size());
        if (location == null) {
            return 0;
        }
        int removed = log.size() - location.position();
        offsetIndex.truncateTo(offset);
        timeIndex.truncateTo(offset);
        log.truncateTo(location.position());
        bytesSinceLastIndexEntry = 0;
        if (location.position() == 0) {
            rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
        }
        // the max timestamp may have been in the removed part: take the best the index still knows
        TimeIndex.Entry last = timeIndex.lastEntry();
        if (maxTimestampSoFar >= 0 && shallowOffsetOfMaxTimestampSoFar >= offset) {
            maxTimestampSoFar = last.timestamp();
            shallowOffsetOfMaxTimestampSoFar = last.timestamp() >= 0 ? last.offset() : baseOffset;
        }
        return removed;
    }

    /** Called when a newer segment takes over appends: final time entry, indexes cut to size. */
    void onBecomeInactive() {
        timeIndex.maybeAppend(maxTimestampSoFar, shallowOffsetOfMaxTimestampSoFar, true);
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
    }

    void flush() throws IOException {
        log.flush();
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** Renames the three files with {@code suffix} appended (deletion is deferred, readers may be in flight). */
    void renameWithSuffix(String suffix) throws IOException {
        log.renameTo(Path.of(log.path() + suffix));
        offsetIndex.renameTo(Path.of(offsetIndex.file() + suffix));
        timeIndex.renameTo(Path.of(timeIndex.file() + suffix));
    }

    /**
     * Renames the three files from suffix {@code from} to {@code to} (either may be empty): the indexes
     * first and the log last, because the log file's name is what recovery acts on.
     */
    void changeFileSuffixes(String from, String to) throws IOException {
        offsetIndex.renameTo(Path.of(replaceSuffix(offsetIndex.file().toString(), from, to)));
        timeIndex.renameTo(Path.of(replaceSuffix(timeIndex.file().toString(), from, to)));
        log.renameTo(Path.of(replaceSuffix(log.path().toString(), from, to)));
    }

    private static String replaceSuffix(String name, String from, String to) {
        if (!name.endsWith(from)) {
            throw new IllegalStateException(name + " does not end with '" + from + "'");
        }
        return name.substring(0, name.length() - from.length()) + to;
    }

    void deleteFiles() throws IOException {
        log.close();
        java.nio.file.Files.deleteIfExists(log.path());
        offsetIndex.deleteIfExists();
        timeIndex.deleteIfExists();
    }

    @Override
    public void close() throws IOException {
        timeIndex.maybeAppend(maxTimestampSoFar, shallowOffsetOfMaxTimestampSoFar, true);
        offsetIndex.close();
        timeIndex.close();
        log.close();
    }

    @Override
    public String toString() {
        return "LogSegment(base=" + baseOffset + ", size=" + log.size() + ")";
    }
}
