package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.processor.api.ProcessorSupplier;

/** A processor between two tables: consumes and produces changes, and can be asked to carry old values. */
interface KTableProcessorSupplier<KIn, VIn, KOut, VOut> extends ProcessorSupplier<KIn, Change<VIn>, KOut, Change<VOut>> {
    /**
     * Asks this table to forward old values. Returns whether it will: a table that is neither materialized nor
     * backed by one that is cannot know old values unless {@code forceMaterialization}.
     */
    boolean enableSendingOldValues(boolean forceMaterialization);

    /** Reads this table's current value for a key: from its own store if it has one, else computed from its parent's. */
    KTableValueGetterSupplier<KOut, VOut> view();
}
