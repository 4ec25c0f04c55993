/**
 * JMH benchmarks of the state stores (issue 6, "Benchmarks"): the same operations on Millrace's key-value stores
 * ({@code dev.millrace.streams.state}) and on Kafka Streams' own ({@code org.apache.kafka.streams.state}, benchmark
 * scope only), RocksDB and in-memory, so each pair runs back to back in one JVM build and is read as a ratio.
 *
 * <p>{@link dev.millrace.microbench.state.KeyValueStoreBench} measures put, get and a 100-key range scan through
 * each library's public builder ({@code Stores.keyValueStoreBuilder} with {@code Serdes.Bytes()} keys and
 * {@code Serdes.ByteArray()} values, logging and caching off); {@link dev.millrace.microbench.state.StoreRestoreBench}
 * measures the restore path, records applied per second through the callback each store registers with its
 * context. {@link dev.millrace.microbench.state.StoreWorkload} makes the data both sides get, the two
 * {@code *Stores} classes open the stores, the two {@code *RestoreContext} classes catch the restore callbacks.
 */
package dev.millrace.microbench.state;
