package dev.millrace.broker.record;

import dev.millrace.broker.record.RecordValidationException.Reason;
import io.netty.buffer.ByteBuf;

/**
 * Validates the one batch a Produce request carries for a partition, in Kafka's order and with
 * Kafka's error choices: request-level framing first (exactly one magic-2 batch, zstd only from
 * Produce v7), then the log's checks (client base offset 0, max.message.bytes, size and CRC-32C), then
 * the batch's own consistency (producer fields, record count against the offset range, no control
 * batches from clients) and finally every record (offset deltas 0..n-1, keys on compacted topics,
 * CreateTime window). Compressed batches are decompressed and walked without keeping their records.
 *
 * <p>Nothing is modified: stamping offsets, epochs and timestamps is the log's job. One instance
 * reuses its record cursor and is meant for one thread (the partition's owner).
 */
public final class BatchValidator {
    /** The first Produce version allowed to carry zstd batches. */
    public static final short MIN_PRODUCE_VERSION_FOR_ZSTD = 7;
    /** Smallest batchLength Kafka's batch iterator accepts before it looks at the magic byte. */
    private static final int MIN_BATCH_LENGTH_FIELD = 14;

    /** The topic settings validation depends on. */
    public record Rules(int maxMessageBytes, boolean logAppendTime, long timestampBeforeMaxMs,
                        long timestampAfterMaxMs, boolean compacted) {
    }

    /** What validation learned about a valid batch: the true max CreateTime and where it is. */
    public record Result(long maxTimestamp, int offsetDeltaOfMaxTimestamp) {
    }

    private final RecordReader reader = new RecordReader();
    private final RecordBatch batch = new RecordBatch();

    /**
     * Validates the readable bytes of {@code records} as one produced batch.
     *
     * @throws RecordValidationException naming the Kafka error to answer with
     */
    public Result validate(ByteBuf records, short produceVersion, Rules rules, long nowMs) {
        int readable = records.readableBytes();
        batch.wrap(records, records.readerIndex());
        validateFraming(readable, produceVersion);
        validateLogLevel(rules);
        validateBatchFields();
        return validateRecords(rules, nowMs);
    }

    private void validateFraming(int readable, short produceVersion) {
        if (readable < RecordBatch.LOG_OVERHEAD) {
            throw new RecordValidationException(Reason.INVALID_RECORD,
                    "Produce requests must carry exactly one record batch per partition; got " + readable + " bytes");
        }
        int batchLength = batch.batchLength();
        if (batchLength < MIN_BATCH_LENGTH_FIELD) {
            throw new RecordValidationException(Reason.CORRUPT_MESSAGE,
                    "Record batch length " + batchLength + " is smaller than the minimum record overhead");
        }
        long size = (long) batchLength + RecordBatch.LOG_OVERHEAD;
        if (size > readable) {
            throw new RecordValidationException(Reason.INVALID_RECORD,
                    "Incomplete record batch: declares " + size + " bytes, " + readable + " received");
        }
        if (size < readable) {
            throw new RecordValidationException(Reason.INVALID_RECORD,
                    "Produce requests must carry exactly one record batch per partition; "
                            + (readable - size) + " bytes follow the first batch");
        }
        if (readable > RecordBatch.MAGIC_OFFSET && batch.magic() != RecordBatch.MAGIC) {
            throw new RecordValidationException(Reason.INVALID_RECORD,
                    "Produce requests may only carry record batches with magic 2; got " + batch.magic());
        }
        if (readable >= RecordBatch.HEADER_SIZE && batch.compressionId() == CompressionType.ZSTD.id()
                && produceVersion < MIN_PRODUCE_VERSION_FOR_ZSTD) {
            throw new RecordValidationException(Reason.UNSUPPORTED_COMPRESSION_TYPE,
                    "zstd batches need Produce v" + MIN_PRODUCE_VERSION_FOR_ZSTD + "+; got v" + produceVersion);
        }
    }

    private void validateLogLevel(Rules rules) {
        if (batch.baseOffset() != 0) {
            throw new RecordValidationException(Reason.INVALID_RECORD,
                    "The base offset of a produced batch must be 0, but it is " + batch.baseOffset());
        }
        int size = batch.sizeInBytes();
        if (size > rules.maxMessageBytes()) {
            throw new RecordValidationException(Reason.MESSAGE_TOO_LARGE,
                    "Record batch of " + size + " bytes exceeds max.message.bytes " + rules.maxMessageBytes());
        }
        if (size < RecordBatch.HEADER_SIZE) {
            throw new RecordValidationException(Reason.CORRUPT_MESSAGE,
                    "Record batch size " + size + " is smaller than the header (" + RecordBatch.HEADER_SIZE + ")");
        }
        if (!batch.isCrcValid()) {
            throw new RecordValidationException(Reason.CORRUPT_MESSAGE,
                    "Record batch is corrupt (stored crc = " + batch.crc() + ", computed crc = " + batch.computeCrc() + ")");
        }
        if (batch.compressionId() > CompressionType.ZSTD.id()) {
            throw new RecordValidationException(Reason.UNSUPPORTED_COMPRESSION_TYPE,
                    "Unknown compression type id " + batch.compressionId());
        }
    }

    private void validateBatchFields() {
        if (batch.hasProducerId() && batch.baseSequence() < 0) {
            throw new RecordValidationException(Reason.INVALID_RECORD,
                    "Invalid sequence number " + batch.baseSequence() + " in a batch with producer id " + batch.producerId());
        }
        if (batch.isTransactional() && !batch.hasProducerId()) {
            throw new RecordValidationException(Reason.INVALID_RECORD,
                    "Transactional batch without a producer id");
        }
        long offsetRange = (long) batch.lastOffsetDelta() + 1;
        if (offsetRange <= 0) {
            throw new RecordValidationException(Reason.INVALID_RECORD,
                    "Batch has an invalid last offset delta " + batch.lastOffsetDelta());
        }
        int count = batch.recordCount();
        if (count <= 0) {
            throw new RecordValidationException(Reason.INVALID_RECORD, "Invalid record count " + count);
        }
        if (offsetRange != count) {
            throw new RecordValidationException(Reason.INVALID_RECORD,
                    "Inconsistent batch offset range (" + offsetRange + ") and record count (" + count + ")");
        }
        if (batch.isControl()) {
            throw new RecordValidationException(Reason.INVALID_RECORD, "Clients are not allowed to write control records");
        }
    }

    private Result validateRecords(Rules rules, long nowMs) {
        long lowest = saturatedSubtract(nowMs, rules.timestampBeforeMaxMs());
        long highest = saturatedAdd(nowMs, rules.timestampAfterMaxMs());
        boolean checkTimestamps = !rules.logAppendTime();
        long baseTimestamp = batch.baseTimestamp();
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        int offsetDeltaOfMax = 0;
        int expectedDelta = 0;
        try (RecordReader records = reader.open(batch)) {
            while (records.next()) {
                if (records.offsetDelta() != expectedDelta) {
                    throw new RecordValidationException(Reason.INVALID_RECORD,
                            "Record " + expectedDelta + " has offset delta " + records.offsetDelta());
                }
                if (rules.compacted() && records.keyLength() < 0) {
                    throw new RecordValidationException(Reason.INVALID_RECORD,
                            "Compacted topic cannot accept a record without a key (record " + expectedDelta + ")");
                }
                long timestamp = baseTimestamp + records.timestampDelta();
                if (checkTimestamps && (timestamp < lowest || timestamp > highest)) {
                    throw new RecordValidationException(Reason.INVALID_TIMESTAMP,
                            "Timestamp " + timestamp + " of record " + expectedDelta + " is out of range: it must be within ["
                                    + lowest + ", " + highest + "] (message.timestamp.before/after.max.ms)");
                }
                if (timestamp > maxTimestamp) {
                    maxTimestamp = timestamp;
                    offsetDeltaOfMax = expectedDelta;
                }
                expectedDelta++;
            }
        }
        return new Result(maxTimestamp, offsetDeltaOfMax);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : r;
    }

    private static long saturatedSubtract(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? (b > 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }
}
