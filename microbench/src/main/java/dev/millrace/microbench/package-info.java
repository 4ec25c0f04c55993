/**
 * JMH benchmarks of the broker's hot paths, one class per area: the Produce and Fetch codec
 * ({@link dev.millrace.microbench.ProduceCodecBench}, {@link dev.millrace.microbench.FetchCodecBench}), batch
 * validation with CRC32C ({@link dev.millrace.microbench.BatchValidatorBench}), log append
 * ({@link dev.millrace.microbench.LogAppendBench}), offset and time index lookup
 * ({@link dev.millrace.microbench.IndexLookupBench}) and the fetch read of a partition
 * ({@link dev.millrace.microbench.LogReadBench}). Inputs are real batches built with kafka-clients'
 * {@code MemoryRecordsBuilder} ({@link dev.millrace.microbench.Batches}); where the issue compares against
 * Kafka, kafka-clients' own generated message classes run in the same benchmark as the reference point.
 *
 * <p>Run with {@code java -jar microbench/target/millrace-microbench.jar} (see microbench/README.md).
 */
package dev.millrace.microbench;
