package dev.millrace.streams.processor.api;

import dev.millrace.streams.processor.ConnectedStoreProvider;

import java.util.function.Supplier;

/** Makes a new fixed-key processor for every task. */
@FunctionalInterface
public interface FixedKeyProcessorSupplier<KIn, VIn, VOut> extends ConnectedStoreProvider, Supplier<FixedKeyProcessor<KIn, VIn, VOut>> {
    @Override
    FixedKeyProcessor<KIn, VIn, VOut> get();
}
