package dev.millrace.microbench.state;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Restore rate: a full restore of a compacted changelog of {@link StoreWorkload#KEYS} records (16-byte keys,
 * 100-byte values, one record per key) into an empty store, in polled batches of {@link #BATCH} records (the restore
 * consumer's default {@code max.poll.records}) handed to the callback the store registered with its context, then
 * what each library does when a restore ends. Millrace: its restore listener (bulk-load mode on at the start, off at
 * the end); the memtables are flushed and the checkpoint written by the next commit, as for processed writes (see
 * decision 007). Kafka Streams 4.4: {@code commit(offsets)}, which writes the changelog offset into the store and
 * flushes nothing (its {@code flush()} is a no-op); its stores register no listener. Both pay their flush when the
 * store closes, outside the measured time (the CPU figures of {@code perfnorm} count it).
 * The score is records restored per second ({@code ops/s}, one op per record). The broker and the consumer are
 * left out: they are the same for both and not the store's cost. Each invocation gets a fresh store, opened and
 * closed outside the measured time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class StoreRestoreBench {
    static final int BATCH = 1000;

    @Param({BenchStore.ROCKSDB, BenchStore.IN_MEMORY})
    public String engine;

    @Param({"millrace", "kafka"})
    public String impl;

    private final List<List<ConsumerRecord<byte[], byte[]>>> batches = new ArrayList<>();
    private Path dir;
    private BenchStore store;
    private StoreWorkload data;

    @Setup(Level.Trial)
    public void changelog() {
        data = new StoreWorkload();
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < StoreWorkload.KEYS; i++) {
            String topic = MillraceRestoreContext.CHANGELOG.topic();
            batch.add(new ConsumerRecord<>(topic, 0, i, data.key(i).get(), data.value(i)));
            if (batch.size() == BATCH) {
                batches.add(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) batches.add(batch);
    }

    @Setup(Level.Invocation)
    public void openEmptyStore() {
        dir = StoreWorkload.tempDir("millrace-restorebench");
        store = KeyValueStoreBench.open(impl, engine, dir, true);
    }

    @TearDown(Level.Invocation)
    public void closeStore() {
        // a restore that lost records must not be scored: the first and last records must be readable
        int last = StoreWorkload.KEYS - 1;
        boolean restored = Arrays.equals(store.get(data.key(0)), data.value(0))
                && Arrays.equals(store.get(data.key(last)), data.value(last));
        store.close();
        if (!restored) throw new IllegalStateException(impl + "'s " + engine + " store is missing restored records");
        StoreWorkload.deleteRecursively(dir);
    }

    @Benchmark
    @OperationsPerInvocation(StoreWorkload.KEYS)
    public void restore() {
        store.restoreStart(StoreWorkload.KEYS);
        for (List<ConsumerRecord<byte[], byte[]>> batch : batches) store.restoreBatch(batch);
        store.restoreEnd(StoreWorkload.KEYS);
    }
}
