package dev.millrace.microbench.state;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.processor.StateRestoreListener;
import dev.millrace.streams.state.KeyValueBytesStoreSupplier;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.StoreBuilder;
import dev.millrace.streams.state.Stores;
import dev.millrace.streams.state.internals.RecordBatchingStateRestoreCallback;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A Millrace store as an application builds it: {@code Stores.keyValueStoreBuilder} over the persistent or in-memory
 * supplier, {@code Serdes.Bytes()} keys and {@code Serdes.ByteArray()} values, caching off. For put/get/range the
 * changelog is off; for restore it is on, opened with a {@link MillraceRestoreContext} that catches the callback the
 * changelog layer registers (Millrace's restore path lives in that layer) and fails any write to the changelog.
 */
final class MillraceBenchStore implements BenchStore {
    private static final String NAME = "bench";

    private final KeyValueStore<Bytes, byte[]> store;
    private final MillraceRestoreContext context;

    MillraceBenchStore(String engine, Path stateRoot, boolean forRestore) {
        KeyValueBytesStoreSupplier supplier = switch (engine) {
            case ROCKSDB -> Stores.persistentKeyValueStore(NAME);
            case IN_MEMORY -> Stores.inMemoryKeyValueStore(NAME);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
        StoreBuilder<KeyValueStore<Bytes, byte[]>> builder =
                Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray());
        if (!forRestore) builder.withLoggingDisabled();
        store = builder.build();
        context = new MillraceRestoreContext(stateRoot.toFile());
        store.init(context, store);
        if (forRestore && context.callback() == null) {
            throw new IllegalStateException("Millrace's " + engine + " store registered no restore callback");
        }
    }

    @Override
    public void put(Bytes key, byte[] value) {
        store.put(key, value);
    }

    @Override
    public byte[] get(Bytes key) {
        return store.get(key);
    }

    @Override
    public int range(Bytes from, Bytes to, Blackhole blackhole) {
        int n = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.range(from, to)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                blackhole.consume(kv.key);
                blackhole.consume(kv.value);
                n++;
            }
        }
        return n;
    }

    @Override
    public void flush() {
        store.flush();
    }

    @Override
    public void restoreStart(long endOffset) {
        if (context.callback() instanceof StateRestoreListener listener) {
            listener.onRestoreStart(MillraceRestoreContext.CHANGELOG, NAME, 0, endOffset);
        }
    }

    @Override
    public void restoreBatch(List<ConsumerRecord<byte[], byte[]>> records) {
        ((RecordBatchingStateRestoreCallback) context.callback()).restoreBatch(records);
    }

    /** The listener's end of restore; the store is ready then (its next commit flushes and checkpoints). */
    @Override
    public void restoreEnd(long totalRestored) {
        if (context.callback() instanceof StateRestoreListener listener) {
            listener.onRestoreEnd(MillraceRestoreContext.CHANGELOG, NAME, totalRestored);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
