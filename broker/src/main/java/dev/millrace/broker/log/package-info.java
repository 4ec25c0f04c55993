/**
 * Durable partition logs (DESIGN.md decisions 3 and 4): each partition is a directory of segments,
 * {@code <base offset>.log} files holding batches exactly as produced, each with a sparse offset index
 * and time index, plus the partition's checkpoints (leader epochs, offsets, producer-state snapshots).
 *
 * <p>One concern per class, after Kafka's storage module: {@link dev.millrace.broker.log.PartitionLog}
 * (append, read, retention, truncation of one partition), {@code LogSegment} (one segment and its
 * indexes), {@code OffsetIndex} / {@code TimeIndex}, {@code LogLoader} (recovery on open),
 * {@link dev.millrace.broker.log.LeaderEpochCache}, {@link dev.millrace.broker.log.ProducerStateManager},
 * {@link dev.millrace.broker.log.LogConfig} (topic configs),
 * {@link dev.millrace.broker.log.LogManager} (all partitions of the broker's log dirs) and
 * {@link dev.millrace.broker.log.LogCleaner} (compaction, with {@code OffsetMap} and
 * {@code CleanerCheckpoint}).
 *
 * <p>Threading: each partition has one owning thread for every mutation; reads of committed bytes
 * work from any thread. The cleaner reads and writes segment files on its own thread and hands the
 * swap of cleaned segments to the owner (docs/decisions/004). Errors reach the request handlers as exceptions of this package and of
 * {@code dev.millrace.broker.record}, which the handlers map to Kafka error codes; this package never
 * depends on the protocol codec.
 */
package dev.millrace.broker.log;
