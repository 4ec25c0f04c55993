package dev.millrace.broker.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partition's leader epochs and the first offset each one wrote, persisted in
 * {@code leader-epoch-checkpoint} (Kafka's file name and layout: "epoch startOffset" per line). It
 * answers OffsetForLeaderEpoch and lets a diverged follower find where to truncate.
 *
 * <p>Changes are rare (a new leader epoch, a truncation), so they are written through to the file at
 * once, and all methods synchronize: lookups come from request threads while the owner appends.
 */
public final class LeaderEpochCache {
    static final String FILE_NAME = "leader-epoch-checkpoint";
    private static final int VERSION = 0;

    private final CheckpointFile checkpoint;
    private final TreeMap<Integer, Long> epochs = new TreeMap<>();

    /** One epoch and the first offset written in it. */
    public record EpochEntry(int epoch, long startOffset) {
    }

    /** Loads the checkpoint in {@code dir}; a missing file starts empty. */
    LeaderEpochCache(Path dir) {
        this.checkpoint = new CheckpointFile(dir.resolve(FILE_NAME), VERSION);
        List<String> lines = checkpoint.read();
        if (lines != null) {
            for (String line : lines) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length != 2) {
                    throw new LogStorageException("Malformed line in " + checkpoint.file() + ": " + line);
                }
                epochs.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
            }
        }
    }

    /** Whether a checkpoint file existed when this cache was loaded or has been written since. */
    boolean fileExists() {
        return java.nio.file.Files.exists(checkpoint.file());
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset}. Entries with an epoch at or above it, or
     * starting at or after it, are dropped first (they belong to a history that was truncated). A
     * repeat of the latest epoch at the same or a later offset changes nothing.
     */
    public synchronized void assign(int epoch, long startOffset) {
        if (epoch < 0 || startOffset < 0) {
            throw new IllegalArgumentException("Invalid leader epoch entry " + epoch + " at " + startOffset);
        }
        Map.Entry<Integer, Long> latest = epochs.lastEntry();
        if (latest != null && latest.getKey() == epoch && latest.getValue() <= startOffset) {
            return;
        }
        epochs.entrySet().removeIf(e -> e.getKey() >= epoch || e.getValue() >= startOffset);
        epochs.put(epoch, startOffset);
        flush();
    }

    /** The latest epoch, or -1 when none is known. */
    public synchronized int latestEpoch() {
        return epochs.isEmpty() ? EpochEndOffset.UNDEFINED_EPOCH : epochs.lastKey();
    }

    /** The earliest entry, or null. */
    public synchronized EpochEntry earliestEntry() {
        Map.Entry<Integer, Long> e = epochs.firstEntry();
        return e == null ? null : new EpochEntry(e.getKey(), e.getValue());
    }

    /** The epoch the batch at {@code offset} was written in, or -1 when unknown. */
    public synchronized int epochForOffset(long offset) {
        int found = EpochEndOffset.UNDEFINED_EPOCH;
        for (Map.Entry<Integer, Long> e : epochs.entrySet()) {
            if (e.getValue() <= offset) {
                found = e.getKey();
            } else {
                break;
            }
        }
        return found;
    }

    /**
     * OffsetForLeaderEpoch: the largest epoch at most {@code requestedEpoch} and the offset where it
     * ended (the next epoch's start, or {@code logEndOffset} for the latest). A requested epoch below
     * every known one answers with itself and the first known start offset; an unknown epoch above all
     * of them, or -1, answers (-1, -1).
     */
    public synchronized EpochEndOffset endOffsetFor(int requestedEpoch, long logEndOffset) {
        if (requestedEpoch == EpochEndOffset.UNDEFINED_EPOCH || epochs.isEmpty()) {
            return EpochEndOffset.UNDEFINED;
        }
        if (epochs.lastKey() == requestedEpoch) {
            return new EpochEndOffset(requestedEpoch, logEndOffset);
        }
        Map.Entry<Integer, Long> higher = epochs.higherEntry(requestedEpoch);
        if (higher == null) {
            return EpochEndOffset.UNDEFINED;
        }
        Map.Entry<Integer, Long> floor = epochs.floorEntry(requestedEpoch);
        return floor == null
                ? new EpochEndOffset(requestedEpoch, higher.getValue())
                : new EpochEndOffset(floor.getKey(), higher.getValue());
    }

    /** Drops entries starting at or after {@code endOffset} (the log was truncated there). */
    public synchronized void truncateFromEnd(long endOffset) {
        if (epochs.values().removeIf(start -> start >= endOffset)) {
            flush();
        }
    }

    /**
     * Drops entries wholly below {@code startOffset} (the log start moved); the epoch covering it is kept,
     * starting at {@code startOffset}.
     */
    public synchronized void truncateFromStart(long startOffset) {
        Map.Entry<Integer, Long> covering = null;
        for (Map.Entry<Integer, Long> e : epochs.entrySet()) {
            if (e.getValue() <= startOffset) {
                covering = e;
            }
        }
        if (covering == null) {
            return;
        }
        int keep = covering.getKey();
        epochs.headMap(keep, false).clear();
        epochs.put(keep, startOffset);
        flush();
    }

    /** Replaces everything (rebuild from the log). */
    synchronized void clear() {
        epochs.clear();
        flush();
    }

    public synchronized List<EpochEntry> entries() {
        List<EpochEntry> out = new ArrayList<>(epochs.size());
        epochs.forEach((epoch, start) -> out.add(new EpochEntry(epoch, start)));
        return out;
    }

    private void flush() {
        List<String> lines = new ArrayList<>(epochs.size());
        epochs.forEach((epoch, start) -> lines.add(epoch + " " + start));
        checkpoint.write(lines);
    }
}
