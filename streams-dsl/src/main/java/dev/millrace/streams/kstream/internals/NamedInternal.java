package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Named;

/**
 * A user's name for a node, or a generated one from the builder's counter. Kafka Streams 4 takes a number from the
 * counter even when the user names the node, so later generated names do not shift when a name is added; we do too.
 */
final class NamedInternal extends Named {
    private NamedInternal(String name) {
        super(name);
    }

    static NamedInternal empty() {
        return new NamedInternal((String) null);
    }

    static NamedInternal of(Named named) {
        return new NamedInternal(named == null ? null : named.name());
    }

    static NamedInternal of(String name) {
        return new NamedInternal(name);
    }

    String orElseGenerateWithPrefix(InternalStreamsBuilder builder, String prefix) {
        String generated = builder.newProcessorName(prefix);
        return name != null ? name : generated;
    }

    String suffixWithOrElseGet(String suffix, InternalStreamsBuilder builder, String prefix) {
        String generated = builder.newProcessorName(prefix);
        if (name == null) return generated;
        validate(name + suffix);
        return name + suffix;
    }
}
