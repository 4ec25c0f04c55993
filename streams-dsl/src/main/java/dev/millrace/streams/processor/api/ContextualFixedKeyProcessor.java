package dev.millrace.streams.processor.api;

/** A fixed-key processor that keeps its context from {@link #init}. */
public abstract class ContextualFixedKeyProcessor<KIn, VIn, VOut> implements FixedKeyProcessor<KIn, VIn, VOut> {
    private FixedKeyProcessorContext<KIn, VOut> context;

    protected ContextualFixedKeyProcessor() {
    }

    @Override
    public void init(FixedKeyProcessorContext<KIn, VOut> context) {
        this.context = context;
    }

    protected final FixedKeyProcessorContext<KIn, VOut> context() {
        return context;
    }
}
