package dev.millrace.streams.state.internals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The old versions of one key kept in one segment of a {@link RocksDBVersionedStore}, and their byte layout.
 *
 * <p>The versions are contiguous in time: each is valid from its own timestamp to the next newer one's, and the
 * newest to {@link #next()}. A null value is a tombstone version. Layout: {@code next} (8 bytes), the version count
 * (4), then per version, newest first, its timestamp (8), the value length (4, -1 for a tombstone) and the value.
 *
 * <p>One shape breaks the "valid from before valid to" rule, as in Kafka Streams: a tombstone put when a key has no
 * version at all is kept alone, valid from and to its own timestamp (degenerate), so later out-of-order writes
 * before it still get their validTo.
 */
final class VersionedSegmentRow {
    record Version(long from, byte[] value) {
    }

    /** Result of {@link #find}: the version's index (0 = newest), its validity and value. */
    record Found(int index, long from, long to, byte[] value) {
    }

    private long next;
    private final List<Version> versions; // newest first

    private VersionedSegmentRow(long next, List<Version> versions) {
        this.next = next;
        this.versions = versions;
    }

    /** A row of one version valid in [from, to). */
    static VersionedSegmentRow of(byte[] value, long from, long to) {
        List<Version> v = new ArrayList<>(2);
        v.add(new Version(from, value));
        return new VersionedSegmentRow(to, v);
    }

    static VersionedSegmentRow decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long next = b.getLong();
        int n = b.getInt();
        List<Version> versions = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            long from = b.getLong();
            int len = b.getInt();
            byte[] value = null;
            if (len >= 0) {
                value = new byte[len];
                b.get(value);
            }
            versions.add(new Version(from, value));
        }
        return new VersionedSegmentRow(next, versions);
    }

    byte[] encode() {
        int size = 12;
        for (Version v : versions) size += 12 + (v.value == null ? 0 : v.value.length);
        ByteBuffer b = ByteBuffer.allocate(size).putLong(next).putInt(versions.size());
        for (Version v : versions) {
            b.putLong(v.from).putInt(v.value == null ? -1 : v.value.length);
            if (v.value != null) b.put(v.value);
        }
        return b.array();
    }

    /** ValidTo of the newest version. */
    long next() {
        return next;
    }

    /** ValidFrom of the oldest version. */
    long min() {
        return versions.get(versions.size() - 1).from;
    }

    boolean degenerate() {
        return min() == next;
    }

    /** The version valid at {@code t}; requires {@code min() <= t < next()}. */
    Found find(long t) {
        long to = next;
        for (int i = 0; i < versions.size(); i++) {
            Version v = versions.get(i);
            if (v.from <= t) return new Found(i, v.from, to, v.value);
            to = v.from;
        }
        throw new IllegalStateException("timestamp " + t + " is not in this row [" + min() + ", " + next + ")");
    }

    /** Replaces the version at {@code index} by one valid from {@code from}, keeping its validTo. */
    void replace(int index, long from, byte[] value) {
        versions.set(index, new Version(from, value));
    }

    /** Adds a version valid from {@code from}, just newer than the version at {@code index}. */
    void insertNewerThan(int index, long from, byte[] value) {
        versions.add(index, new Version(from, value));
    }

    /**
     * Adds a newest version valid in [from, to). A gap between the current {@link #next()} and {@code from} becomes a
     * tombstone version (the key was deleted then), so the row stays contiguous.
     */
    void appendNewest(long from, long to, byte[] value) {
        if (from < next) {
            // a write that reached this row before a failure left the newer one unchanged: drop what overlaps
            while (!versions.isEmpty() && versions.get(0).from >= from) versions.remove(0);
            if (versions.isEmpty()) {
                versions.add(new Version(from, value));
                next = to;
                return;
            }
            next = from;
        }
        if (degenerate()) {
            long tombstone = next;
            versions.clear();
            if (from != tombstone) versions.add(new Version(tombstone, null));
        } else if (from != next) {
            versions.add(0, new Version(next, null));
        }
        versions.add(0, new Version(from, value));
        next = to;
    }

    /** Adds an oldest version valid from {@code from} to the current oldest one (or to {@link #next()} if degenerate). */
    void prependOldest(long from, byte[] value) {
        if (degenerate()) versions.clear();
        versions.add(new Version(from, value));
    }
}
