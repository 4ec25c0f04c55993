package dev.millrace.microbench.state;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One store under test, Millrace's or Kafka Streams', behind the few calls the benchmarks make, so that both sides
 * run the same benchmark code. Each JMH fork opens one implementation only, so the calls stay monomorphic.
 */
interface BenchStore extends AutoCloseable {
    /** Which engine a benchmark opens: {@code rocksdb} or {@code inMemory}. */
    String ROCKSDB = "rocksdb";
    String IN_MEMORY = "inMemory";

    void put(Bytes key, byte[] value);

    byte[] get(Bytes key);

    /** Scans {@code [from, to]} to its end, feeding every entry to the blackhole; returns how many it saw. */
    int range(Bytes from, Bytes to, Blackhole blackhole);

    void flush();

    /** What the store's restore listener is told before the first batch (nothing, where it registers none). */
    void restoreStart(long endOffset);

    /** One polled batch of changelog records, through the callback the store registered with its context. */
    void restoreBatch(List<ConsumerRecord<byte[], byte[]>> records);

    /** What the store's library does once the last batch is in: its listener's end of restore, then its commit. */
    void restoreEnd(long totalRestored);

    @Override
    void close();
}
