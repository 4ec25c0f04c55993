package dev.millrace.streams.kstream;

/** A DSL parameter object that can name the processor (and topic) of its operation, as Kafka Streams' interface. */
public interface NamedOperation<T extends NamedOperation<T>> {
    T withName(String name);
}
