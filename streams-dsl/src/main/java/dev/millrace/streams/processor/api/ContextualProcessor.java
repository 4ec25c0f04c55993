package dev.millrace.streams.processor.api;

/** A processor that keeps its context from {@link #init} for {@link #process} to use. */
public abstract class ContextualProcessor<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
    private ProcessorContext<KOut, VOut> context;

    protected ContextualProcessor() {
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        this.context = context;
    }

    protected final ProcessorContext<KOut, VOut> context() {
        return context;
    }
}
