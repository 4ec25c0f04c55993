package dev.millrace.broker.log;

import dev.millrace.broker.record.RecordBatch;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a partition directory back to a consistent log when it is opened; kept apart from the
 * steady-state append path, as Kafka's LogLoader is.
 *
 * <ol>
 *   <li>An interrupted cleaner swap is finished: a {@code .log.swap} file is a complete cleaned segment
 *       that replaces every segment whose base offset lies in its offset range, so those go and the swap
 *       file takes its final name. A {@code .cleaned} file was never committed and is deleted.</li>
 *   <li>Leftovers of interrupted work go: {@code .deleted} segments, temporary checkpoint files,
 *       index files without a log.</li>
 *   <li>Segments open; a missing or implausible index marks its segment for a rebuild.</li>
 *   <li>Without a clean shutdown, every segment from the one holding the recovery point onwards is
 *       checked batch by batch (size, magic, offsets, CRC-32C) and cut at the first torn or corrupt
 *       batch; segments after a cut are deleted, since nothing after a hole can be trusted.</li>
 *   <li>Offsets are derived: log end from the last segment, log start and high watermark from the
 *       checkpoint clamped into the log.</li>
 *   <li>Leader epochs come from the checkpoint (rebuilt from batch headers if the file is gone), cut
 *       to the log; producer state from the newest snapshot plus a replay of the batch headers after it.</li>
 * </ol>
 */
final class LogLoader {
    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    /** The loaded state {@link PartitionLog} starts from. */
    record Loaded(ConcurrentSkipListMap<Long, LogSegment> segments, long logStartOffset, long logEndOffset,
                  long recoveryPoint, long highWatermark) {
    }

    private LogLoader() {
    }

    static Loaded load(Path dir, LogConfig config, boolean hadCleanShutdown, long nowMs, LeaderEpochCache epochs,
                       boolean epochCheckpointExisted, ProducerStateManager producers,
                       OffsetCheckpoint.Offsets checkpoint) throws IOException {
        // Swaps first: removeLeftovers deletes every .swap and .deleted file, so without this a crash after
        // replaceSegments renamed the old segments .deleted (and before the .swap got its final name) lost
        // the whole offset range of that group, including keys whose only record was there.
        completeSwaps(dir);
        removeLeftovers(dir);
        ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
        List<Long> needsRebuild = new ArrayList<>();
        try {
            for (long base : segmentBaseOffsets(dir)) {
                boolean indexesPresent = Files.exists(LogSegment.file(dir, base, LogSegment.INDEX_SUFFIX))
                        && Files.exists(LogSegment.file(dir, base, LogSegment.TIME_INDEX_SUFFIX));
                LogSegment segment = LogSegment.open(dir, base, config, 0L, nowMs);
                segments.put(base, segment);
                if (!indexesPresent || !segment.offsetIndex().looksValid(segment.size())
                        || !segment.timeIndex().looksValid()) {
                    needsRebuild.add(base);
                }
            }
            Consumer<RecordBatch> assignEpochs = batch -> {
                int epoch = batch.partitionLeaderEpoch();
                if (epoch >= 0 && epoch > epochs.latestEpoch()) {
                    epochs.assign(epoch, batch.baseOffset());
                }
            };
            recover(dir, segments, needsRebuild, hadCleanShutdown, checkpoint.recoveryPoint(), assignEpochs);

            if (segments.isEmpty()) {
                long start = Math.max(checkpoint.logStartOffset(), 0L);
                segments.put(start, LogSegment.open(dir, start, config, 0L, nowMs));
            }
            LogSegment last = segments.lastEntry().getValue();
            long logEndOffset = last.readNextOffset();
            long logStartOffset = Math.min(Math.max(checkpoint.logStartOffset(), segments.firstKey()), logEndOffset);

            if (!epochCheckpointExisted) {
                // the checkpoint is gone: rebuild it from every batch's stamped epoch
                for (LogSegment segment : segments.values()) {
                    segment.forEachBatchHeader(segment.baseOffset(), assignEpochs);
                }
            }
            epochs.truncateFromEnd(logEndOffset);
            epochs.truncateFromStart(logStartOffset);

            rebuildProducerState(producers, segments, logEndOffset, nowMs);

            long recoveryPoint = hadCleanShutdown ? logEndOffset
                    : Math.min(Math.max(checkpoint.recoveryPoint(), logStartOffset), logEndOffset);
            long highWatermark = Math.min(Math.max(checkpoint.highWatermark(), logStartOffset), logEndOffset);
            return new Loaded(segments, logStartOffset, logEndOffset, recoveryPoint, highWatermark);
        } catch (IOException | RuntimeException e) {
            for (LogSegment segment : segments.values()) {
                try {
                    segment.close();
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static void recover(Path dir, ConcurrentSkipListMap<Long, LogSegment> segments, List<Long> needsRebuild,
                                boolean hadCleanShutdown, long recoveryPoint, Consumer<RecordBatch> onBatch)
            throws IOException {
        Long unflushedFrom = null;
        if (!hadCleanShutdown && !segments.isEmpty()) {
            Long floor = recoveryPoint < 0 ? null : segments.floorKey(recoveryPoint);
            unflushedFrom = floor == null ? segments.firstKey() : floor;
        }
        List<Long> bases = new ArrayList<>(segments.keySet());
        for (int i = 0; i < bases.size(); i++) {
            long base = bases.get(i);
            boolean unflushed = unflushedFrom != null && base >= unflushedFrom;
            if (!unflushed && !needsRebuild.contains(base)) {
                continue;
            }
            LogSegment segment = segments.get(base);
            int cut = segment.recover(onBatch);
            if (cut > 0) {
                LOG.warn("Recovery of {} cut {} bytes of torn or corrupt batches", segment.file().path(), cut);
                if (unflushed) {
                    for (int j = i + 1; j < bases.size(); j++) {
                        LogSegment later = segments.remove(bases.get(j));
                        LOG.warn("Deleting {} which follows a corrupt segment", later.file().path());
                        later.deleteFiles();
                    }
                    break;
                }
            }
        }
        // an empty segment that is not the last holds nothing and would only confuse lookups
        for (Map.Entry<Long, LogSegment> e : new ArrayList<>(segments.entrySet())) {
            if (e.getValue().size() == 0 && !e.getKey().equals(segments.lastKey())) {
                segments.remove(e.getKey()).deleteFiles();
            }
        }
    }

    /**
     * Rebuilds producer state for a log ending at {@code logEndOffset}: load the newest snapshot at or
     * below it, replay the batch headers after it, drop snapshots beyond it and expired producers.
     */
    static void rebuildProducerState(ProducerStateManager producers, NavigableMap<Long, LogSegment> segments,
                                     long logEndOffset, long nowMs) throws IOException {
        producers.deleteSnapshotsAfter(logEndOffset);
        long from = producers.loadLatestSnapshot(logEndOffset);
        if (from < 0) {
            from = segments.isEmpty() ? logEndOffset : segments.firstKey();
        }
        Long startSegment = segments.floorKey(from);
        NavigableMap<Long, LogSegment> toReplay = startSegment == null ? segments : segments.tailMap(startSegment, true);
        long replayFrom = from;
        for (LogSegment segment : toReplay.values()) {
            segment.forEachBatchHeader(Math.max(replayFrom, segment.baseOffset()), batch -> {
                if (batch.baseOffset() >= replayFrom) {
                    producers.update(batch);
                }
            });
        }
        producers.setMapEndOffset(logEndOffset);
        producers.removeExpiredProducers(nowMs);
    }

    /** Base offsets of the {@code .log} files in {@code dir}, ascending. */
    static List<Long> segmentBaseOffsets(Path dir) throws IOException {
        List<Long> bases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + LogSegment.LOG_SUFFIX)) {
            for (Path f : files) {
                Long base = parseBase(f.getFileName().toString(), LogSegment.LOG_SUFFIX);
                if (base != null) {
                    bases.add(base);
                }
            }
        }
        bases.sort(null);
        return bases;
    }

    /**
     * Finishes each cleaner swap a crash interrupted (see {@link PartitionLog#replaceSegments}): deletes
     * the segments the swap replaces (base offsets from its base to its next offset), then renames its
     * files to their final names. Index files still named {@code .swap} move with it; missing ones are
     * rebuilt like any other missing index.
     */
    private static void completeSwaps(Path dir) throws IOException {
        String swapLog = LogSegment.LOG_SUFFIX + LogSegment.SWAP_SUFFIX;
        List<Long> swaps = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + swapLog)) {
            for (Path f : files) {
                Long base = parseBase(f.getFileName().toString(), swapLog);
                if (base != null) {
                    swaps.add(base);
                }
            }
        }
        swaps.sort(null);
        for (long base : swaps) {
            Path swap = LogSegment.file(dir, base, swapLog);
            // at least the segment with the swap's own base: it is always the first of the group replaced
            long next = Math.max(nextOffsetOf(swap, base), base + 1);
            for (long old : segmentBaseOffsets(dir)) {
                if (old >= base && old < next) {
                    for (String suffix : new String[] {LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX,
                            LogSegment.TIME_INDEX_SUFFIX}) {
                        Files.deleteIfExists(LogSegment.file(dir, old, suffix));
                    }
                }
            }
            for (String suffix : new String[] {LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX}) {
                Path indexSwap = LogSegment.file(dir, base, suffix + LogSegment.SWAP_SUFFIX);
                if (Files.exists(indexSwap)) {
                    Files.move(indexSwap, LogSegment.file(dir, base, suffix));
                }
            }
            Files.move(swap, LogSegment.logFile(dir, base));
            LOG.info("Completed an interrupted cleaner swap of {}: it replaces segments in [{}, {})",
                    dir.getFileName(), base, next);
        }
        if (!swaps.isEmpty()) {
            CheckpointFile.fsyncDirectory(dir);
        }
    }

    /** The offset after the last whole batch of a segment file (its base when empty). */
    private static long nextOffsetOf(Path file, long base) throws IOException {
        try (SegmentFile log = SegmentFile.open(file)) {
            int size = log.size();
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(SegmentFile.OFFSETS_HEADER_SIZE);
            long next = base;
            int position = 0;
            while (true) {
                header.clear();
                if (!log.readFully(header, position, size)) {
                    return next;
                }
                int batchSize = header.getInt(RecordBatch.BATCH_LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
                if (batchSize < RecordBatch.HEADER_SIZE || position + (long) batchSize > size) {
                    return next;
                }
                next = header.getLong(RecordBatch.BASE_OFFSET_OFFSET) + header.getInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET) + 1;
                position += batchSize;
            }
        }
    }

    private static void removeLeftovers(Path dir) throws IOException {
        List<Path> doomed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(LogSegment.DELETED_SUFFIX) || name.endsWith(".tmp")
                        || name.endsWith(LogSegment.CLEANED_SUFFIX) || name.endsWith(LogSegment.SWAP_SUFFIX)) {
                    doomed.add(f);
                    continue;
                }
                for (String suffix : new String[] {LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX}) {
                    Long base = parseBase(name, suffix);
                    if (base != null && !Files.exists(LogSegment.logFile(dir, base))) {
                        doomed.add(f);
                    }
                }
            }
        }
        for (Path f : doomed) {
            Files.deleteIfExists(f);
        }
    }

    private static Long parseBase(String name, String suffix) {
        if (!name.endsWith(suffix)) {
            return null;
        }
        try {
            return Long.parseLong(name.substring(0, name.length() - suffix.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
