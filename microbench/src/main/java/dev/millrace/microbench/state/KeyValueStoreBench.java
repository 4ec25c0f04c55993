package dev.millrace.microbench.state;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * put, get (always a hit) and a 100-key range scan on a store holding {@link StoreWorkload#KEYS} 16-byte keys with
 * 100-byte values, loaded, flushed and (RocksDB) reopened before measuring. {@code impl} picks Millrace's or Kafka
 * Streams' store and varies fastest ({@code engine} sorts before it), so JMH runs each Millrace/Kafka pair back to
 * back; {@code -p impl=kafka,millrace} reverses each pair. Keys are picked by a random walk; puts overwrite existing
 * keys with another key's value, so the key set stays the same size. Each op is one call through the store's public
 * API; a range op opens, drains and closes the iterator.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class KeyValueStoreBench {
    @Param({BenchStore.ROCKSDB, BenchStore.IN_MEMORY})
    public String engine;

    @Param({"millrace", "kafka"})
    public String impl;

    private StoreWorkload data;
    private Path dir;
    private BenchStore store;

    @Setup(Level.Trial)
    public void open() {
        data = new StoreWorkload();
        dir = StoreWorkload.tempDir("millrace-kvbench");
        store = open(impl, engine, dir, false);
        for (int i = 0; i < StoreWorkload.KEYS; i++) store.put(data.key(i), data.value(i));
        store.flush();
        if (engine.equals(BenchStore.ROCKSDB)) {
            // closing writes what is still in memtables to disk on both sides (Kafka Streams 4.4's flush() does not),
            // so both reopen with every key in SST files and a cold block cache, which the warm-up iterations fill
            store.close();
            store = open(impl, engine, dir, false);
        }
        int scanned = store.range(data.rangeFrom(7), data.rangeTo(7), new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
        if (scanned != StoreWorkload.RANGE) {
            throw new IllegalStateException("a range scan saw " + scanned + " entries, not " + StoreWorkload.RANGE);
        }
    }

    static BenchStore open(String impl, String engine, Path dir, boolean forRestore) {
        return switch (impl) {
            case "millrace" -> new MillraceBenchStore(engine, dir, forRestore);
            case "kafka" -> new KafkaStreamsBenchStore(engine, dir, forRestore);
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
        StoreWorkload.deleteRecursively(dir);
    }

    @Benchmark
    public void put() {
        store.put(data.key(data.nextIndex()), data.value(data.nextIndex()));
    }

    @Benchmark
    public byte[] get() {
        return store.get(data.key(data.nextIndex()));
    }

    @Benchmark
    public int range(Blackhole blackhole) {
        int i = data.nextIndex();
        return store.range(data.rangeFrom(i), data.rangeTo(i), blackhole);
    }
}
