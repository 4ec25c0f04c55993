package dev.millrace.broker.log;

import dev.millrace.broker.record.RecordBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Idempotent-producer state of one partition (PROTOCOL.md 5.6): per producer id its epoch and the
 * metadata of its last five batches, enough to spot a retried batch and answer it with its original
 * offsets, and to reject epoch regressions and sequence gaps.
 *
 * <p>The state is derived from the log: it is rebuilt by replaying batch headers, and snapshots
 * ({@code <offset>.snapshot}, taken at segment roll and on close) bound how much must be replayed.
 * Owner thread only.
 */
public final class ProducerStateManager {
    /** Kafka's producer.id.expiration.ms default: one day. */
    public static final long DEFAULT_PRODUCER_ID_EXPIRATION_MS = 24L * 60 * 60 * 1000;
    /** Batches remembered per producer: idempotence allows up to five in flight. */
    static final int BATCHES_TO_RETAIN = 5;
    static final String SNAPSHOT_SUFFIX = ".snapshot";
    private static final short SNAPSHOT_VERSION = 1;

    /** One appended batch of a producer, as duplicate detection needs it. */
    public record BatchMetadata(int firstSequence, int lastSequence, long firstOffset, long lastOffset, long timestamp) {
    }

    /** A producer's current epoch and recent batches, newest last. */
    static final class Entry {
        final long producerId;
        short epoch;
        long lastTimestamp;
        final ArrayDeque<BatchMetadata> batches = new ArrayDeque<>(BATCHES_TO_RETAIN);

        Entry(long producerId, short epoch) {
            this.producerId = producerId;
            this.epoch = epoch;
        }

        BatchMetadata last() {
            return batches.peekLast();
        }
    }

    private final Path dir;
    private final long producerIdExpirationMs;
    private final Map<Long, Entry> producers = new HashMap<>();
    private long mapEndOffset;

    ProducerStateManager(Path dir, long producerIdExpirationMs) {
        this.dir = dir;
        this.producerIdExpirationMs = producerIdExpirationMs;
    }

    /** The offset up to which the state reflects the log. */
    long mapEndOffset() {
        return mapEndOffset;
    }

    void setMapEndOffset(long offset) {
        mapEndOffset = offset;
    }

    /** Producers currently tracked. */
    public int producerCount() {
        return producers.size();
    }

    /** The epoch known for {@code producerId}, or -1. */
    public short epochOf(long producerId) {
        Entry e = producers.get(producerId);
        return e == null ? RecordBatch.NO_PRODUCER_EPOCH : e.epoch;
    }

    /** The latest batch known for {@code producerId}, or null. */
    public BatchMetadata lastBatchOf(long producerId) {
        Entry e = producers.get(producerId);
        return e == null ? null : e.last();
    }

    /**
     * Producer id to the last offset of its latest batch, for every producer still tracked: the cleaner
     * keeps those batches (empty if need be) so the producer's sequence state survives a reload.
     */
    Map<Long, Long> lastOffsetsByProducer() {
        Map<Long, Long> out = new HashMap<>();
        for (Entry e : producers.values()) {
            BatchMetadata last = e.last();
            if (last != null) {
                out.put(e.producerId, last.lastOffset());
            }
        }
        return out;
    }

    /** A cached batch with the same epoch and sequence range as {@code batch}: a retry. Null otherwise. */
    BatchMetadata findDuplicate(RecordBatch batch) {
        Entry e = producers.get(batch.producerId());
        if (e == null || e.epoch != batch.producerEpoch()) {
            return null;
        }
        int first = batch.baseSequence();
        int last = batch.lastSequence();
        for (BatchMetadata m : e.batches) {
            if (m.firstSequence() == first && m.lastSequence() == last) {
                return m;
            }
        }
        return null;
    }

    /**
     * Kafka's checks for a client batch (ProducerAppendInfo): an older epoch is fenced; a new epoch
     * must start at sequence 0 unless the producer is unknown (KIP-360: accept any start); within an
     * epoch the batch must follow the last sequence (wrapping after Integer.MAX_VALUE).
     */
    void checkAppend(RecordBatch batch) {
        Entry e = producers.get(batch.producerId());
        short epoch = batch.producerEpoch();
        int firstSeq = batch.baseSequence();
        if (e == null) {
            return;
        }
        if (epoch < e.epoch) {
            throw new InvalidProducerEpochException("Epoch " + epoch + " of producer " + batch.producerId()
                    + " is older than the current epoch " + e.epoch);
        }
        if (epoch != e.epoch) {
            if (firstSeq != 0) {
                throw new OutOfOrderSequenceException("Invalid sequence " + firstSeq + " for new epoch " + epoch
                        + " of producer " + batch.producerId() + ": a new epoch starts at 0");
            }
            return;
        }
        BatchMetadata last = e.last();
        if (last == null) {
            if (firstSeq != 0) {
                throw new OutOfOrderSequenceException("Out of order sequence " + firstSeq + " for producer "
                        + batch.producerId() + " at epoch " + epoch + ": expected 0");
            }
            return;
        }
        if (!inSequence(last.lastSequence(), firstSeq)) {
            throw new OutOfOrderSequenceException("Out of order sequence " + firstSeq + " for producer "
                    + batch.producerId() + " at epoch " + epoch + ": expected " + RecordBatch.incrementSequence(last.lastSequence(), 1));
        }
    }

    private static boolean inSequence(int lastSeq, int nextSeq) {
        return nextSeq == (long) lastSeq + 1 || (nextSeq == 0 && lastSeq == Integer.MAX_VALUE);
    }

    /**
     * Records an appended batch (its offsets stamped): the producer's epoch moves to the batch's, and the
     * batch joins the last five. Control batches (transaction markers) move the epoch only. Also used to
     * replay the log, without checks, after a restart.
     */
    void update(RecordBatch batch) {
        mapEndOffset = Math.max(mapEndOffset, batch.nextOffset());
        if (!batch.hasProducerId()) {
            return;
        }
        long pid = batch.producerId();
        short epoch = batch.producerEpoch();
        Entry e = producers.get(pid);
        if (e == null) {
            e = new Entry(pid, epoch);
            producers.put(pid, e);
        } else if (e.epoch != epoch) {
            e.epoch = epoch;
            e.batches.clear();
        }
        e.lastTimestamp = Math.max(e.lastTimestamp, batch.maxTimestamp());
        if (batch.isControl() || batch.baseSequence() < 0) {
            return;
        }
        if (e.batches.size() == BATCHES_TO_RETAIN) {
            e.batches.removeFirst();
        }
        e.batches.addLast(new BatchMetadata(batch.baseSequence(), batch.lastSequence(), batch.baseOffset(),
                batch.lastOffset(), batch.maxTimestamp()));
    }

    /** Forgets producers idle for producer.id.expiration.ms (by their last batch's timestamp, as Kafka). */
    int removeExpiredProducers(long nowMs) {
        int before = producers.size();
        producers.values().removeIf(e -> nowMs - e.lastTimestamp >= producerIdExpirationMs);
        return before - producers.size();
    }

    void clear() {
        producers.clear();
        mapEndOffset = 0;
    }

    // ---- snapshots ------------------------------------------------------------------------------

    /** Writes the state as of {@link #mapEndOffset()} to {@code <offset>.snapshot} (atomic rename). */
    void takeSnapshot() {
        int size = 4;
        for (Entry e : producers.values()) {
            size += 8 + 2 + 8 + 4 + e.batches.size() * (4 + 4 + 8 + 8 + 8);
        }
        ByteBuffer body = ByteBuffer.allocate(size);
        body.putInt(producers.size());
        for (Entry e : producers.values()) {
            body.putLong(e.producerId).putShort(e.epoch).putLong(e.lastTimestamp).putInt(e.batches.size());
            for (BatchMetadata m : e.batches) {
                body.putInt(m.firstSequence()).putInt(m.lastSequence()).putLong(m.firstOffset())
                        .putLong(m.lastOffset()).putLong(m.timestamp());
            }
        }
        body.flip();
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        ByteBuffer header = ByteBuffer.allocate(2 + 4).putShort(SNAPSHOT_VERSION).putInt((int) crc.getValue()).flip();
        Path file = snapshotFile(mapEndOffset);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer[] parts = {header, body};
                while (body.hasRemaining()) {
                    ch.write(parts);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LogStorageException("Cannot write producer snapshot " + file, e);
        }
    }

    /**
     * Replaces the state with the newest readable snapshot at or below {@code maxOffset}; unreadable
     * snapshots are deleted. Returns the snapshot's offset, or -1 (state empty) when there is none.
     */
    long loadLatestSnapshot(long maxOffset) {
        List<Long> offsets = snapshotOffsets();
        for (int i = offsets.size() - 1; i >= 0; i--) {
            long offset = offsets.get(i);
            if (offset > maxOffset) {
                continue;
            }
            clear();
            if (readSnapshot(snapshotFile(offset))) {
                mapEndOffset = offset;
                return offset;
            }
            deleteQuietly(snapshotFile(offset));
        }
        clear();
        return -1L;
    }

    private boolean readSnapshot(Path file) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file));
            if (buf.remaining() < 10 || buf.getShort() != SNAPSHOT_VERSION) {
                return false;
            }
            int storedCrc = buf.getInt();
            CRC32C crc = new CRC32C();
            crc.update(buf.duplicate());
            if ((int) crc.getValue() != storedCrc) {
                return false;
            }
            int count = buf.getInt();
            for (int i = 0; i < count; i++) {
                Entry e = new Entry(buf.getLong(), buf.getShort());
                e.lastTimestamp = buf.getLong();
                int batches = buf.getInt();
                for (int j = 0; j < batches; j++) {
                    e.batches.addLast(new BatchMetadata(buf.getInt(), buf.getInt(), buf.getLong(), buf.getLong(), buf.getLong()));
                }
                producers.put(e.producerId, e);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            producers.clear();
            return false;
        }
    }

    /** Snapshot offsets present in the directory, ascending. */
    List<Long> snapshotOffsets() {
        List<Long> offsets = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SNAPSHOT_SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                try {
                    offsets.add(Long.parseLong(name.substring(0, name.length() - SNAPSHOT_SUFFIX.length())));
                } catch (NumberFormatException ignored) {
                    // not ours
                }
            }
        } catch (IOException e) {
            throw new LogStorageException("Cannot list producer snapshots in " + dir, e);
        }
        offsets.sort(null);
        return offsets;
    }

    /** Removes snapshots above {@code offset} (the log was truncated below them). */
    void deleteSnapshotsAfter(long offset) {
        for (Iterator<Long> it = snapshotOffsets().iterator(); it.hasNext(); ) {
            long o = it.next();
            if (o > offset) {
                deleteQuietly(snapshotFile(o));
            }
        }
    }

    /** Removes snapshots below {@code offset} (their segments are gone). */
    void deleteSnapshotsBefore(long offset) {
        for (long o : snapshotOffsets()) {
            if (o < offset) {
                deleteQuietly(snapshotFile(o));
            }
        }
    }

    Path snapshotFile(long offset) {
        return dir.resolve(LogSegment.filenamePrefix(offset) + SNAPSHOT_SUFFIX);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale snapshot is ignored on load anyway
        }
    }
}
