package dev.millrace.streams.state.internals;

import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * One named cache's entries from least to most recently used, linked through the entries' own links, so a use moves
 * an entry with pointer work only. Kafka Streams keeps this order per named cache (not per thread): a store's writes
 * evict that store's eldest entries only.
 */
final class LruOrder {
    private ThreadCache.Entry eldest;
    private ThreadCache.Entry youngest;

    ThreadCache.Entry eldest() {
        return eldest;
    }

    /** Adds an entry as the youngest. */
    void append(ThreadCache.Entry e) {
        e.older = youngest;
        e.younger = null;
        if (youngest == null) eldest = e;
        else youngest.younger = e;
        youngest = e;
    }

    void unlink(ThreadCache.Entry e) {
        if (e.older == null) eldest = e.younger;
        else e.older.younger = e.younger;
        if (e.younger == null) youngest = e.older;
        else e.younger.older = e.older;
        e.older = null;
        e.younger = null;
    }

    /** A use: the entry becomes the youngest. */
    void touch(ThreadCache.Entry e) {
        if (e == youngest) return;
        unlink(e);
        append(e);
    }

    void clear() {
        eldest = null;
        youngest = null;
    }

    /** The entries, eldest first. */
    List<ThreadCache.Entry> eldestFirst() {
        List<ThreadCache.Entry> out = new ArrayList<>();
        for (ThreadCache.Entry e = eldest; e != null; e = e.younger) out.add(e);
        return out;
    }

    List<Bytes> keysEldestFirst() {
        List<Bytes> out = new ArrayList<>();
        for (ThreadCache.Entry e = eldest; e != null; e = e.younger) out.add(e.key);
        return out;
    }
}
