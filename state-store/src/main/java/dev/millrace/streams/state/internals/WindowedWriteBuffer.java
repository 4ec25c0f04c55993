package dev.millrace.streams.state.internals;

import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dirty writes a window or session caching layer holds, by stored binary key, in the order of each key's latest
 * write (the order they go down in), with their byte cost against {@code statestore.cache.max.bytes}. It also keeps
 * the largest timestamp of the buffered writes that move stream time, since the store below has not seen them yet.
 */
final class WindowedWriteBuffer {
    /** A buffered write: a value, or a delete ({@code value == null}) made by a put of null or by a remove. */
    record Write(byte[] value, boolean removal, long timestamp) {
    }

    private final LinkedHashMap<Bytes, Write> dirty = new LinkedHashMap<>();
    private long maxBytes = CachingKeyValueStore.DEFAULT_CACHE_MAX_BYTES;
    private long bytes;
    private long streamTime = -1;

    void configure(Map<String, Object> appConfigs) {
        Object setting = appConfigs.get(CachingKeyValueStore.CACHE_MAX_BYTES_CONFIG);
        if (setting != null) maxBytes = Long.parseLong(setting.toString().trim());
        if (maxBytes < 0) {
            throw new IllegalArgumentException(CachingKeyValueStore.CACHE_MAX_BYTES_CONFIG + " cannot be negative: " + maxBytes);
        }
    }

    private static long cost(Bytes key, Write w) {
        return key.get().length + (w.value == null ? 0 : w.value.length) + CachingKeyValueStore.ENTRY_OVERHEAD;
    }

    /** Buffers a write; returns whether the buffer is now over its budget and must be written down. */
    boolean put(Bytes binaryKey, Write write, boolean movesStreamTime) {
        Write old = dirty.remove(binaryKey); // re-inserted at the end: its latest write decides its place
        if (old != null) bytes -= cost(binaryKey, old);
        dirty.put(binaryKey, write);
        bytes += cost(binaryKey, write);
        if (movesStreamTime) streamTime = Math.max(streamTime, write.timestamp);
        return bytes > maxBytes;
    }

    Write get(Bytes binaryKey) {
        return dirty.get(binaryKey);
    }

    Iterable<Map.Entry<Bytes, Write>> entries() {
        return dirty.entrySet();
    }

    /** The largest timestamp buffered writes moved stream time to, kept after they are written down. */
    long streamTime() {
        return streamTime;
    }

    /** Removes and returns every buffered write, oldest first. */
    List<Map.Entry<Bytes, Write>> drain() {
        List<Map.Entry<Bytes, Write>> out = new ArrayList<>(dirty.entrySet());
        dirty.clear();
        bytes = 0;
        return out;
    }

    int size() {
        return dirty.size();
    }
}
