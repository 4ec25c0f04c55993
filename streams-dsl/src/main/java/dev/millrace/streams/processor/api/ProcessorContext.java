package dev.millrace.streams.processor.api;

/** The context of a {@link Processor}: forwards records to all children or to one by name. */
public interface ProcessorContext<KForward, VForward> extends ProcessingContext {
    <K extends KForward, V extends VForward> void forward(Record<K, V> record);

    /** Forwards to the named child only; an unknown name throws {@link dev.millrace.streams.errors.StreamsException}. */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record, String childName);
}
