package dev.millrace.streams.processor.api;

/** The context of a {@link FixedKeyProcessor}: forwards only records derived from the input, so keys stay. */
public interface FixedKeyProcessorContext<KForward, VForward> extends ProcessingContext {
    <K extends KForward, V extends VForward> void forward(FixedKeyRecord<K, V> record);

    <K extends KForward, V extends VForward> void forward(FixedKeyRecord<K, V> record, String childName);
}
