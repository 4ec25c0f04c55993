/**
 * Record batches (Kafka's magic-2 format) as the broker sees them: a flyweight over received bytes
 * ({@link dev.millrace.broker.record.RecordBatch}), the codecs of the records section
 * ({@link dev.millrace.broker.record.CompressionType}), produce-time validation
 * ({@link dev.millrace.broker.record.BatchValidator}) and the rare rewrite of a batch into another codec
 * ({@link dev.millrace.broker.record.BatchRecompressor}).
 *
 * <p>Batches stay as the bytes that arrived: the broker reads and stamps header fields in place and
 * never builds an object per record. Records are only iterated ({@link
 * dev.millrace.broker.record.RecordReader}) to validate a produced batch or to answer a timestamp
 * lookup. Decompression reuses per-thread state instead of allocating per batch: lz4 block buffers
 * ({@code Lz4FrameInputStream}), the gzip {@code Inflater} ({@code GzipBatchInputStream}), zstd-jni's pool.
 * This package depends on Netty's buffers and the codec libraries only, never on the protocol or log
 * packages.
 */
package dev.millrace.broker.record;
