package dev.millrace.broker.log;

import dev.millrace.broker.log.PartitionLog.CleanPlan;
import dev.millrace.broker.record.CompressionType;
import dev.millrace.broker.record.RecordBatch;
import dev.millrace.broker.record.RecordValidationException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log compaction for topics with {@code cleanup.policy=compact}: keeps the latest record of every key in
 * the cleanable part of a log, as Kafka's cleaner does.
 *
 * <p><b>One clean.</b> (1) On the owner thread, {@link PartitionLog#planClean} decides whether the log is
 * worth it and fixes the range: the inactive segments below the first uncleanable offset, the first dirty
 * offset from the cleaner checkpoint, and each idempotent producer's last batch. (2) Here, the dirty
 * range is read into an {@link OffsetMap} of key to latest offset. (3) The segments from the log start
 * are cut into groups no larger than segment.bytes (and the index limits), so small cleaned segments
 * merge; each group is rewritten into one {@code .cleaned} segment holding, batch by batch, the records
 * that are the latest for their key, and (4) swapped in on the owner thread
 * ({@link PartitionLog#replaceSegments}). (5) The checkpoint moves to where the map ended.
 *
 * <p><b>What is kept.</b> A record stays when no later record in the map has its key. A tombstone (null
 * value) stays until its batch's delete horizon: the first clean that keeps it marks the batch (attribute
 * bit 6, baseTimestamp = now + delete.retention.ms, Kafka's KIP-534); a clean after the horizon drops it.
 * Records without a key are dropped. Batches keep their base offset, last offset delta, producer fields
 * and codec: retained records are copied byte for byte (only their timestamp delta is re-encoded when a
 * horizon is set) and the batch is recompressed with its own codec and given a new CRC; a batch that loses
 * nothing is copied whole. A batch left with no records goes, unless it is the last batch of a producer
 * still tracked, which stays as an empty batch so the producer's sequence survives a reload. Control
 * batches are kept: this broker has no transactions yet, so no marker can be proven obsolete.
 *
 * <p><b>Threading.</b> Steps 2 and 3 run on the thread that calls {@link #clean(PartitionLog, OwnerThread)}
 * (the broker's one cleaner thread), reading inactive segments, which no one else writes; only the short
 * planning, file creation and rename steps run on the log's owner thread, so appends to the partition and
 * to the other partitions of its I/O thread are never held up by a clean. A swap is refused when the
 * log changed under the clean (retention, truncation, deletion). Never interrupt the cleaner thread: an
 * interrupted read closes the segment's shared file channel. Stop it with {@link #stop()}.
 */
public final class LogCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(LogCleaner.class);

    /** Kafka's log.cleaner.dedupe.buffer.size default. */
    public static final long DEFAULT_DEDUPE_BUFFER_BYTES = 128L * 1024 * 1024;
    /** Kafka's log.cleaner.io.buffer.load.factor default. */
    static final double LOAD_FACTOR = 0.9;
    private static final int READ_BUFFER_BYTES = 512 * 1024;
    private static final int DELETE_HORIZON_FLAG = 0x40;
    private static final int COMPRESSION_MASK = 0x07;

    /** Runs a step on the thread that owns a log and returns its result. */
    public interface OwnerThread {
        <T> T call(Supplier<T> work);
    }

    /** Steps run on the calling thread: for tests and tools that own the log themselves. */
    public static final OwnerThread CALLING_THREAD = new OwnerThread() {
        @Override
        public <T> T call(Supplier<T> work) {
            return work.get();
        }
    };

    private final OffsetMap map;
    private final SegmentReader reader = new SegmentReader();
    private final RecordCursor cursor = new RecordCursor();
    private final ByteBuf out = Unpooled.buffer(64 * 1024);
    private final ByteBuf plainRecords = Unpooled.buffer(64 * 1024);
    private byte[] decompressed = new byte[64 * 1024];
    private int[] keptStart = new int[256];
    private int[] keptBody = new int[256];
    private int[] keptAfterTimestamp = new int[256];
    private int[] keptEnd = new int[256];
    private long[] keptTimestampDelta = new long[256];
    private volatile boolean stopped;
    CleanerFaults faults = CleanerFaults.NONE;

    /** @param dedupeBufferBytes memory for the key map (log.cleaner.dedupe.buffer.size) */
    public LogCleaner(long dedupeBufferBytes) {
        this.map = new OffsetMap(dedupeBufferBytes, LOAD_FACTOR);
    }

    /** What one clean did. */
    public record Stats(long firstDirtyOffset, long endOffset, int segmentsRead, int segmentsWritten,
                        long bytesRead, long bytesWritten, long recordsRead, long recordsKept, long elapsedMs) {
    }

    /** Cleans {@code log} if it needs it, every step on the calling thread, which must own the log. */
    public Stats clean(PartitionLog log) {
        return clean(log, CALLING_THREAD);
    }

    /**
     * Cleans {@code log} if it is compacted and worth cleaning; returns what was done, or null when there
     * was nothing to do or the clean was abandoned (the log changed under it, or an I/O error, which is
     * logged; the log itself stays as it was).
     */
    public Stats clean(PartitionLog log, OwnerThread owner) {
        if (stopped) {
            return null;
        }
        CleanPlan plan = owner.call(log::planClean);
        if (plan == null) {
            return null;
        }
        long startNanos = System.nanoTime();
        Run run = new Run(plan);
        try {
            long endOffset = buildOffsetMap(plan, run);
            List<List<LogSegment>> groups = groupSegments(plan, endOffset);
            for (List<LogSegment> group : groups) {
                if (!cleanGroup(log, owner, plan, group, endOffset, run)) {
                    LOG.info("Abandoned a clean of {}: the log changed while it ran", log.dir().getFileName());
                    return null;
                }
            }
            long firstDirty = Math.max(endOffset, plan.firstDirtyOffset());
            owner.call(() -> {
                log.cleaningDone(plan, firstDirty, run.nextDeleteHorizon);
                return null;
            });
            Stats stats = new Stats(plan.firstDirtyOffset(), firstDirty, run.segmentsRead, groups.size(), run.bytesRead,
                    run.bytesWritten, run.recordsRead, run.recordsKept, (System.nanoTime() - startNanos) / 1_000_000);
            LOG.info("Cleaned {} up to offset {} (dirty ratio {}): {} segment(s) into {}, {} bytes into {}, "
                            + "{} records into {}, in {} ms", log.dir().getFileName(), firstDirty,
                    String.format("%.2f", plan.dirtyRatio()), stats.segmentsRead(), stats.segmentsWritten(),
                    stats.bytesRead(), stats.bytesWritten(), stats.recordsRead(), stats.recordsKept(), stats.elapsedMs());
            return stats;
        } catch (IOException | RuntimeException e) {
            if (stopped || log.isClosed()) {
                LOG.debug("Clean of {} stopped: {}", log.dir().getFileName(), e.toString());
            } else {
                LOG.warn("Clean of {} failed; the log is unchanged from the last completed swap", log.dir().getFileName(), e);
            }
            return null;
        }
    }

    /** Makes running and future cleans give up at their next step (without interrupting any thread). */
    public void stop() {
        stopped = true;
    }

    private void checkStopped() throws IOException {
        if (stopped) {
            throw new IOException("The cleaner is stopping");
        }
    }

    /** Per-clean counters and the earliest delete horizon of the tombstones kept. */
    private static final class Run {
        final CleanPlan plan;
        final long deleteRetentionMs;
        long nextDeleteHorizon = RecordBatch.NO_TIMESTAMP;
        int segmentsRead;
        long bytesRead;
        long bytesWritten;
        long recordsRead;
        long recordsKept;

        Run(CleanPlan plan) {
            this.plan = plan;
            this.deleteRetentionMs = plan.config().deleteRetentionMs();
        }

        void keepsTombstonesUntil(long horizon) {
            if (nextDeleteHorizon == RecordBatch.NO_TIMESTAMP || horizon < nextDeleteHorizon) {
                nextDeleteHorizon = horizon;
            }
        }
    }

    // ---- the offset map ------------------------------------------------------------------------------

    /**
     * Puts the key of every record in [first dirty, first uncleanable) into the map with its offset, and
     * returns the offset the map covers up to: the uncleanable bound, or the batch where the map filled.
     */
    private long buildOffsetMap(CleanPlan plan, Run run) throws IOException {
        long firstDirty = plan.firstDirtyOffset();
        long bound = plan.firstUncleanableOffset();
        map.reset(Math.max(0, bound - firstDirty));
        List<LogSegment> segments = plan.segments();
        for (int i = 0; i < segments.size(); i++) {
            if (plan.segmentEnd(i) <= firstDirty) {
                continue;
            }
            checkStopped();
            reader.open(segments.get(i));
            RecordBatch batch;
            while ((batch = reader.next()) != null) {
                if (batch.lastOffset() < firstDirty || batch.isControl()) {
                    continue;
                }
                if (!map.hasRoomFor(batch.recordCount())) {
                    LOG.info("Offset map of {} keys is full at offset {}; cleaning up to there",
                            map.size(), batch.baseOffset());
                    return Math.max(batch.baseOffset(), firstDirty);
                }
                openRecords(batch);
                long base = batch.baseOffset();
                while (cursor.next()) {
                    long offset = base + cursor.offsetDelta;
                    if (cursor.keyLength >= 0 && offset >= firstDirty) {
                        map.put(cursor.array(), cursor.keyOffset, cursor.keyLength, offset);
                    }
                }
            }
        }
        return bound;
    }

    // ---- grouping ----------------------------------------------------------------------------------

    /**
     * Consecutive segments below {@code endOffset}, grouped so each group's total log size stays within
     * segment.bytes, its index sizes within segment.index.bytes and its offsets within an index's 32-bit
     * relative range: one cleaned segment per group, so segments that shrank merge.
     */
    private static List<List<LogSegment>> groupSegments(CleanPlan plan, long endOffset) {
        List<LogSegment> segments = plan.segments();
        int maxBytes = plan.config().segmentBytes();
        int maxIndexBytes = plan.config().segmentIndexBytes();
        List<List<LogSegment>> groups = new ArrayList<>();
        int i = 0;
        while (i < segments.size() && segments.get(i).baseOffset() < endOffset) {
            LogSegment first = segments.get(i);
            List<LogSegment> group = new ArrayList<>();
            group.add(first);
            long logBytes = first.size();
            long offsetIndexBytes = first.offsetIndex().sizeInBytes();
            long timeIndexBytes = first.timeIndex().sizeInBytes();
            i++;
            while (i < segments.size() && segments.get(i).baseOffset() < endOffset) {
                LogSegment next = segments.get(i);
                if (logBytes + next.size() > maxBytes
                        || offsetIndexBytes + next.offsetIndex().sizeInBytes() > maxIndexBytes
                        || timeIndexBytes + next.timeIndex().sizeInBytes() > maxIndexBytes
                        || plan.segmentEnd(i) - 1 - first.baseOffset() > Integer.MAX_VALUE) {
                    break;
                }
                group.add(next);
                logBytes += next.size();
                offsetIndexBytes += next.offsetIndex().sizeInBytes();
                timeIndexBytes += next.timeIndex().sizeInBytes();
                i++;
            }
            groups.add(group);
        }
        return groups;
    }

    // ---- rewriting a group ---------------------------------------------------------------------------

    private boolean cleanGroup(PartitionLog log, OwnerThread owner, CleanPlan plan, List<LogSegment> group,
                               long endOffset, Run run) throws IOException {
        checkStopped();
        LogSegment cleaned = owner.call(() -> log.createCleanedSegment(group.get(0).baseOffset()));
        try {
            for (LogSegment segment : group) {
                checkStopped();
                run.segmentsRead++;
                reader.open(segment);
                RecordBatch batch;
                while ((batch = reader.next()) != null) {
                    run.bytesRead += batch.sizeInBytes();
                    filterBatch(batch, cleaned, endOffset, run);
                }
            }
            cleaned.onBecomeInactive();
            cleaned.flush();
            checkStopped();
        } catch (IOException | RuntimeException e) {
            discard(cleaned);
            throw e;
        }
        // a crash from here on leaves the .cleaned files to the loader, which deletes them
        faults.at(CleanerFaults.Step.CLEANED_FILE_WRITTEN);
        // once the swap has begun its files belong to the log: an error there is the log's to report
        boolean swapped = owner.call(() -> log.replaceSegments(plan, group, cleaned, faults));
        if (!swapped) {
            discard(cleaned);
        }
        return swapped;
    }

    private static void discard(LogSegment cleaned) {
        try {
            cleaned.deleteFiles();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot delete the abandoned cleaned segment {}: {}", cleaned, e.toString());
        }
    }

    /** Decides which records of one batch stay and writes what remains of the batch to {@code cleaned}. */
    private void filterBatch(RecordBatch batch, LogSegment cleaned, long endOffset, Run run) throws IOException {
        int count = batch.recordCount();
        if (batch.isControl() || batch.baseOffset() >= endOffset) {
            // beyond the map's range nothing is known to be superseded
            run.recordsRead += count;
            run.recordsKept += count;
            copyWhole(batch, cleaned, run);
            return;
        }
        long now = run.plan.nowMs();
        boolean hadHorizon = batch.hasDeleteHorizon();
        long horizon = hadHorizon ? batch.baseTimestamp() : RecordBatch.NO_TIMESTAMP;
        boolean dropTombstones = hadHorizon && now >= horizon;
        openRecords(batch);
        long base = batch.baseOffset();
        long baseTimestamp = batch.baseTimestamp();
        int kept = 0;
        int removed = 0;
        boolean keptTombstones = false;
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        while (cursor.next()) {
            run.recordsRead++;
            boolean keep;
            if (cursor.keyLength < 0) {
                keep = false; // Kafka's cleaner drops keyless records: they cannot be compacted
            } else {
                long offset = base + cursor.offsetDelta;
                long latest = map.get(cursor.array(), cursor.keyOffset, cursor.keyLength);
                keep = offset >= latest && (cursor.valueLength >= 0 || !dropTombstones);
            }
            if (!keep) {
                removed++;
                continue;
            }
            ensureKeptCapacity(kept + 1);
            keptStart[kept] = cursor.start;
            keptBody[kept] = cursor.bodyStart;
            keptAfterTimestamp[kept] = cursor.afterTimestamp;
            keptEnd[kept] = cursor.recordEnd;
            keptTimestampDelta[kept] = cursor.timestampDelta;
            kept++;
            keptTombstones |= cursor.valueLength < 0;
            maxTimestamp = Math.max(maxTimestamp, baseTimestamp + cursor.timestampDelta);
        }
        run.recordsKept += kept;
        boolean setHorizon = keptTombstones && !hadHorizon;
        if (removed == 0 && !setHorizon) {
            if (keptTombstones) {
                run.keepsTombstonesUntil(horizon);
            }
            copyWhole(batch, cleaned, run);
            return;
        }
        if (kept == 0) {
            Long producerLast = batch.hasProducerId() ? run.plan.producerLastOffsets().get(batch.producerId()) : null;
            if (producerLast != null && producerLast == batch.lastOffset()) {
                writeEmptyBatch(batch, cleaned, run);
            }
            return;
        }
        long newHorizon = setHorizon ? now + run.deleteRetentionMs : horizon;
        if (keptTombstones) {
            run.keepsTombstonesUntil(newHorizon);
        }
        writeKept(batch, kept, setHorizon, newHorizon, maxTimestamp, cleaned, run);
    }

    private void copyWhole(RecordBatch batch, LogSegment cleaned, Run run) throws IOException {
        ByteBuf bytes = batch.buffer().slice(batch.index(), batch.sizeInBytes());
        cleaned.appendCleaned(bytes, batch.lastOffset(), batch.maxTimestamp());
        run.bytesWritten += bytes.readableBytes();
    }

    /**
     * Writes a batch with the kept records: the original header (same base offset, last offset delta,
     * producer fields, leader epoch), the kept records with their own offset deltas, recompressed with
     * the batch's codec, then count, length, max timestamp, delete horizon and CRC brought up to date.
     */
    private void writeKept(RecordBatch batch, int kept, boolean setHorizon, long horizon, long maxTimestamp,
                           LogSegment cleaned, Run run) throws IOException {
        long oldBase = batch.baseTimestamp();
        long newBase = setHorizon ? horizon : oldBase;
        CompressionType codec = batch.compression();
        out.clear();
        out.writeBytes(batch.buffer(), batch.index(), RecordBatch.HEADER_SIZE);
        ByteBuf records = codec == CompressionType.NONE ? out : plainRecords.clear();
        byte[] src = cursor.array();
        for (int i = 0; i < kept; i++) {
            if (newBase == oldBase) {
                records.writeBytes(src, keptStart[i], keptEnd[i] - keptStart[i]);
            } else {
                // deltas are relative to baseTimestamp, which now holds the horizon
                long delta = oldBase + keptTimestampDelta[i] - newBase;
                int rest = keptEnd[i] - keptAfterTimestamp[i];
                RecordCursor.writeVarint(records, 1 + RecordCursor.sizeOfVarlong(delta) + rest);
                records.writeByte(src[keptBody[i]]);
                RecordCursor.writeVarlong(records, delta);
                records.writeBytes(src, keptAfterTimestamp[i], rest);
            }
        }
        if (codec != CompressionType.NONE) {
            LogConfig cfg = run.plan.config();
            int level = cfg.compression() == codec ? cfg.compressionLevel() : codec.defaultLevel();
            try (OutputStream compressed = codec.compress(new ByteBufOutputStream(out), level)) {
                compressed.write(plainRecords.array(), plainRecords.arrayOffset() + plainRecords.readerIndex(),
                        plainRecords.readableBytes());
            }
        }
        int attributes = batch.attributes() | (setHorizon ? DELETE_HORIZON_FLAG : 0);
        out.setInt(RecordBatch.BATCH_LENGTH_OFFSET, out.writerIndex() - RecordBatch.LOG_OVERHEAD);
        out.setShort(RecordBatch.ATTRIBUTES_OFFSET, attributes);
        out.setLong(RecordBatch.BASE_TIMESTAMP_OFFSET, newBase);
        long batchMax = batch.isLogAppendTime() ? batch.maxTimestamp() : maxTimestamp;
        out.setLong(RecordBatch.MAX_TIMESTAMP_OFFSET, batchMax);
        out.setInt(RecordBatch.RECORDS_COUNT_OFFSET, kept);
        new RecordBatch(out, 0).updateCrc();
        cleaned.appendCleaned(out, batch.lastOffset(), batchMax);
        run.bytesWritten += out.readableBytes();
    }

    /**
     * Kafka's empty batch for a producer's last batch whose records all went: header only, no codec, no
     * records, offsets and producer fields as before, so reloading producer state still finds its sequence.
     */
    private void writeEmptyBatch(RecordBatch batch, LogSegment cleaned, Run run) throws IOException {
        out.clear();
        out.writeBytes(batch.buffer(), batch.index(), RecordBatch.HEADER_SIZE);
        out.setInt(RecordBatch.BATCH_LENGTH_OFFSET, RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD);
        out.setShort(RecordBatch.ATTRIBUTES_OFFSET, batch.attributes() & ~(COMPRESSION_MASK | DELETE_HORIZON_FLAG));
        out.setLong(RecordBatch.BASE_TIMESTAMP_OFFSET, batch.maxTimestamp());
        out.setInt(RecordBatch.RECORDS_COUNT_OFFSET, 0);
        new RecordBatch(out, 0).updateCrc();
        cleaned.appendCleaned(out, batch.lastOffset(), batch.maxTimestamp());
        run.bytesWritten += out.readableBytes();
    }

    private void ensureKeptCapacity(int n) {
        if (n > keptStart.length) {
            int size = Math.max(n, keptStart.length * 2);
            keptStart = Arrays.copyOf(keptStart, size);
            keptBody = Arrays.copyOf(keptBody, size);
            keptAfterTimestamp = Arrays.copyOf(keptAfterTimestamp, size);
            keptEnd = Arrays.copyOf(keptEnd, size);
            keptTimestampDelta = Arrays.copyOf(keptTimestampDelta, size);
        }
    }

    /** Points the cursor at the batch's records, inflating a compressed batch into a reused array first. */
    private void openRecords(RecordBatch batch) throws IOException {
        CompressionType codec = batch.compression();
        if (codec == CompressionType.NONE) {
            ByteBuf buf = batch.buffer();
            int from = buf.arrayOffset() + batch.index() + RecordBatch.HEADER_SIZE;
            cursor.reset(buf.array(), from, buf.arrayOffset() + batch.index() + batch.sizeInBytes(), batch.recordCount());
            return;
        }
        int length = 0;
        try (InputStream in = codec.decompress(batch.records())) {
            while (true) {
                if (length == decompressed.length) {
                    decompressed = Arrays.copyOf(decompressed, decompressed.length * 2);
                }
                int n = in.read(decompressed, length, decompressed.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
        } catch (RecordValidationException e) {
            throw new IOException("Cannot decompress batch at offset " + batch.baseOffset(), e);
        }
        cursor.reset(decompressed, 0, length, batch.recordCount());
    }

    /**
     * Reads a segment's batches in order through one large reused buffer (grown for a larger batch), so
     * a segment costs a few big reads. Positional reads only: safe while the owner appends elsewhere.
     */
    private static final class SegmentReader {
        private byte[] array = new byte[READ_BUFFER_BYTES];
        private ByteBuffer nio = ByteBuffer.wrap(array);
        private ByteBuf wrapped = Unpooled.wrappedBuffer(array);
        private final RecordBatch batch = new RecordBatch();
        private SegmentFile file;
        private int fileSize;
        private long bufferFilePosition;
        private int position;
        private int limit;

        void open(LogSegment segment) {
            file = segment.file();
            fileSize = segment.size();
            bufferFilePosition = 0;
            position = 0;
            limit = 0;
        }

        /** The next batch (a flyweight valid until the next call), or null at the end of the segment. */
        RecordBatch next() throws IOException {
            boolean refilled = false;
            while (true) {
                int available = limit - position;
                int needed = RecordBatch.LOG_OVERHEAD;
                if (available >= RecordBatch.LOG_OVERHEAD) {
                    needed = wrapped.getInt(position + RecordBatch.BATCH_LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
                    if (needed < RecordBatch.HEADER_SIZE) {
                        throw new IOException("Corrupt batch length at " + (bufferFilePosition + position) + " of " + file.path());
                    }
                    if (available >= needed) {
                        batch.wrap(wrapped, position);
                        position += needed;
                        return batch;
                    }
                }
                long next = bufferFilePosition + position;
                if (next >= fileSize) {
                    return null;
                }
                if (refilled) {
                    throw new IOException("Truncated batch at " + next + " of " + file.path());
                }
                if (needed > array.length) {
                    array = new byte[Math.max(needed, array.length * 2)];
                    nio = ByteBuffer.wrap(array);
                    wrapped = Unpooled.wrappedBuffer(array);
                }
                int length = (int) Math.min(array.length, fileSize - next);
                nio.clear().limit(length);
                if (!file.readFully(nio, next, fileSize)) {
                    throw new IOException("Short read at " + next + " of " + file.path());
                }
                bufferFilePosition = next;
                position = 0;
                limit = length;
                refilled = true;
            }
        }
    }
}
