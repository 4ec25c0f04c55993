package dev.millrace.streams.processor.api;

import dev.millrace.streams.processor.ConnectedStoreProvider;

import java.util.function.Supplier;

/** Makes a new processor for every task; {@link #get()} must return a new instance each call. */
@FunctionalInterface
public interface ProcessorSupplier<KIn, VIn, KOut, VOut> extends ConnectedStoreProvider, Supplier<Processor<KIn, VIn, KOut, VOut>> {
    @Override
    Processor<KIn, VIn, KOut, VOut> get();
}
