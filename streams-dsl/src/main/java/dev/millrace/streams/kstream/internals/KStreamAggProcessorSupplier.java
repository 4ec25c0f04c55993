package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.api.ProcessorSupplier;

/** An aggregation turning a stream into a table's changes; always materialized, so it can always send old values. */
interface KStreamAggProcessorSupplier<KIn, VIn, KOut, VAgg> extends ProcessorSupplier<KIn, VIn, KOut, Change<VAgg>> {
    void enableSendingOldValues();

    /** Reads the aggregate's current value for a key, from its store. */
    KTableValueGetterSupplier<KOut, VAgg> view();
}
