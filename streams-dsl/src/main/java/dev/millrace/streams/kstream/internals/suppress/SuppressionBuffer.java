package dev.millrace.streams.kstream.internals.suppress;

import dev.millrace.streams.processor.RecordContext;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Bytes;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The suppression buffer, in memory: one entry per key (by serialized key), ordered by buffer time and then key
 * bytes, as Kafka Streams' in-memory time-ordered buffer. A key updated while buffered keeps its place (its first
 * buffer time) and its prior value (the table's value before it was first buffered). Sizes are estimated as Kafka
 * Streams does (buffer time, key, prior/old/new value bytes, record context), so {@code maxBytes} bites at the same
 * point. Not logged to a changelog: after a restart its contents are lost (Kafka Streams logs and restores it).
 */
public final class SuppressionBuffer<E> implements StateStore {
    private record BufferKey(long time, Bytes key) implements Comparable<BufferKey> {
        @Override
        public int compareTo(BufferKey o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    /** One buffered update and the context of the record that made it. */
    public record Entry<E>(E value, RecordContext context, byte[] priorValue, long size) {
    }

    private final String name;
    private final Map<Bytes, BufferKey> index = new HashMap<>();
    private final TreeMap<BufferKey, Entry<E>> sorted = new TreeMap<>();
    private long bytes;
    private boolean open;

    public SuppressionBuffer(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        open = true;
    }

    @Override
    public void flush() {
        // nothing to write: the buffer lives in memory only
    }

    @Override
    public void close() {
        open = false;
        index.clear();
        sorted.clear();
        bytes = 0;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /**
     * Buffers {@code value} under {@code key} at {@code time} (or at the key's existing place).
     *
     * @param oldValue, newValue the change's serialized values, for the size estimate and the prior value
     */
    public void put(long time, Bytes key, E value, byte[] oldValue, byte[] newValue, RecordContext context) {
        BufferKey existing = index.get(key);
        byte[] prior = existing == null ? oldValue : sorted.get(existing).priorValue();
        long size = 8 + key.get().length + length(prior) + (oldValue == null || oldValue == prior ? 0 : oldValue.length)
                + length(newValue) + contextSize(context);
        Entry<E> entry = new Entry<>(value, context, prior, size);
        if (existing == null) {
            BufferKey k = new BufferKey(time, key);
            index.put(key, k);
            sorted.put(k, entry);
        } else {
            bytes -= sorted.put(existing, entry).size();
        }
        bytes += size;
    }

    /** Removes and hands over the oldest entries while {@code condition} holds. */
    public void evictWhile(BooleanSupplier condition, Consumer<Entry<E>> emit) {
        Iterator<Map.Entry<BufferKey, Entry<E>>> it = sorted.entrySet().iterator();
        while (it.hasNext() && condition.getAsBoolean()) {
            Map.Entry<BufferKey, Entry<E>> next = it.next();
            it.remove();
            index.remove(next.getKey().key());
            bytes -= next.getValue().size();
            emit.accept(next.getValue());
        }
    }

    /** The entry buffered under {@code key}, or null: table lookups through a suppression read its prior value. */
    public Entry<E> buffered(Bytes key) {
        BufferKey k = index.get(key);
        return k == null ? null : sorted.get(k);
    }

    /** The earliest buffer time, {@code Long.MAX_VALUE} when empty. */
    public long minTimestamp() {
        return sorted.isEmpty() ? Long.MAX_VALUE : sorted.firstKey().time();
    }

    public int numRecords() {
        return index.size();
    }

    public long bufferSize() {
        return bytes;
    }

    private static int length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    private static long contextSize(RecordContext c) {
        long size = 8 + 8 + 4; // timestamp, offset, partition
        if (c.topic() != null) size += c.topic().length();
        if (c.headers() != null) {
            for (Header h : c.headers()) {
                size += h.key().length();
                if (h.value() != null) size += h.value().length;
            }
        }
        return size;
    }
}
