package dev.millrace.streams.processor.api;

/** A processor that cannot change keys, so a stream stays partitioned as it was (no repartition downstream). */
public interface FixedKeyProcessor<KIn, VIn, VOut> {
    default void init(FixedKeyProcessorContext<KIn, VOut> context) {
    }

    void process(FixedKeyRecord<KIn, VIn> record);

    default void close() {
    }
}
