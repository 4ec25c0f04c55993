package dev.millrace.microbench.state;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Kafka Streams' own store, the reference, built the same way as {@link MillraceBenchStore}:
 * {@code Stores.keyValueStoreBuilder} over {@code persistentKeyValueStore} or {@code inMemoryKeyValueStore},
 * {@code Serdes.Bytes()} / {@code Serdes.ByteArray()}, caching and logging off (its changelog layer needs the
 * runtime's internal context). Opened with test-utils' {@code MockProcessorContext.getStateStoreContext()} (metrics
 * at the default INFO recording level, as in an application). For restore, the bytes store from the supplier is
 * opened with that context wrapped by {@link KafkaStreamsRestoreContext}, which keeps the restore callback the store
 * registers (with or without logging): Kafka Streams' restore path.
 */
final class KafkaStreamsBenchStore implements BenchStore {
    private static final String NAME = "bench";
    private static final TopicPartition CHANGELOG = new TopicPartition("bench-bench-changelog", 0);

    private final KeyValueStore<Bytes, byte[]> store;
    private final KafkaStreamsRestoreContext restoreContext;

    KafkaStreamsBenchStore(String engine, Path stateRoot, boolean forRestore) {
        KeyValueBytesStoreSupplier supplier = switch (engine) {
            case ROCKSDB -> Stores.persistentKeyValueStore(NAME);
            case IN_MEMORY -> Stores.inMemoryKeyValueStore(NAME);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092"); // required by the config, never used
        config.put("processing.exception.handler.global.enabled", "true"); // silences a warning at every open
        StateStoreContext context =
                new MockProcessorContext<>(config, new TaskId(0, 0), stateRoot.toFile()).getStateStoreContext();
        if (forRestore) {
            // Kafka Streams restores into the bytes store through the callback it registers; the metered (serde)
            // layer is not on that path, and it insists on the mock's own context class, which drops callbacks
            store = supplier.get();
            restoreContext = new KafkaStreamsRestoreContext(context);
            store.init(restoreContext, store);
            if (!(restoreContext.callback() instanceof RecordBatchingStateRestoreCallback)) {
                throw new IllegalStateException(
                        "Kafka Streams' " + engine + " store registered no batching restore callback");
            }
        } else {
            store = Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray())
                    .withCachingDisabled()
                    .withLoggingDisabled()
                    .build();
            restoreContext = null;
            store.init(context, store);
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

    /** Kafka Streams' stores register no restore listener of their own (its bulk-loading mode was removed). */
    @Override
    public void restoreStart(long endOffset) {
    }

    @Override
    public void restoreBatch(List<ConsumerRecord<byte[], byte[]>> records) {
        ((RecordBatchingStateRestoreCallback) restoreContext.callback()).restoreBatch(records);
    }

    /**
     * What Kafka Streams 4.4 does once a restore is done: {@code commit} the changelog offset, which its RocksDB store
     * keeps in an offsets column family (KIP-1035) instead of flushing memtables; its {@code flush()} is a no-op.
     */
    @Override
    public void restoreEnd(long totalRestored) {
        store.commit(Map.of(CHANGELOG, totalRestored - 1));
    }

    @Override
    public void close() {
        store.close();
    }
}
