package dev.millrace.streams.processor.api;

/** A node of a topology: receives records from its parents and forwards records through its context. */
public interface Processor<KIn, VIn, KOut, VOut> {
    /** Called once before the first record; keep the context to forward, schedule and reach stores. */
    default void init(ProcessorContext<KOut, VOut> context) {
    }

    void process(Record<KIn, VIn> record);

    default void close() {
    }
}
