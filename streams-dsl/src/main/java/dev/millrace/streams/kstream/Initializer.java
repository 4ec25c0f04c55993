package dev.millrace.streams.kstream;

/** The aggregate a key starts from. */
@FunctionalInterface
public interface Initializer<VAgg> {
    VAgg apply();
}
