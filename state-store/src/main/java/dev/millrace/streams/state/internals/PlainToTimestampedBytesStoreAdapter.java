package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.TimestampedBytesStore;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lets a timestamped builder use a persistent supplier that stores plain values (a user's own, or
 * {@code Stores.persistentKeyValueStore}), as Kafka Streams does: timestamps are dropped on write and read back as
 * -1. Use {@code Stores.persistentTimestampedKeyValueStore} to keep them.
 */
public class PlainToTimestampedBytesStoreAdapter extends WrappedStateStore<KeyValueStore<Bytes, byte[]>>
        implements KeyValueStore<Bytes, byte[]>, TimestampedBytesStore {
    public PlainToTimestampedBytesStoreAdapter(KeyValueStore<Bytes, byte[]> inner) {
        super(inner);
    }

    private static byte[] plain(byte[] timestamped) {
        return timestamped == null ? null : Arrays.copyOfRange(timestamped, 8, timestamped.length);
    }

    private static byte[] stamped(byte[] plain) {
        return TimestampedBytesStore.convertToTimestampedFormat(plain);
    }

    @Override
    public byte[] get(Bytes key) {
        return stamped(inner.get(key));
    }

    @Override
    public void put(Bytes key, byte[] value) {
        inner.put(key, plain(value));
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        return stamped(inner.putIfAbsent(key, plain(value)));
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        List<KeyValue<Bytes, byte[]>> plain = new ArrayList<>(entries.size());
        for (KeyValue<Bytes, byte[]> e : entries) plain.add(KeyValue.pair(e.key, plain(e.value)));
        inner.putAll(plain);
    }

    @Override
    public byte[] delete(Bytes key) {
        return stamped(inner.delete(key));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return new Stamping(inner.range(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return new Stamping(inner.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return new Stamping(inner.all());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return new Stamping(inner.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        return new Stamping(inner.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    private static final class Stamping implements KeyValueIterator<Bytes, byte[]> {
        private final KeyValueIterator<Bytes, byte[]> it;

        Stamping(KeyValueIterator<Bytes, byte[]> it) {
            this.it = it;
        }

        @Override
        public boolean hasNext() {
            return it.hasNext();
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            KeyValue<Bytes, byte[]> kv = it.next();
            return KeyValue.pair(kv.key, stamped(kv.value));
        }

        @Override
        public Bytes peekNextKey() {
            return it.peekNextKey();
        }

        @Override
        public void close() {
            it.close();
        }
    }
}
