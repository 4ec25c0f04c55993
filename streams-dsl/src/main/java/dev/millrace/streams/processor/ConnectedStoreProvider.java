package dev.millrace.streams.processor;

import dev.millrace.streams.state.StoreBuilder;

import java.util.Set;

/** A processor supplier that brings its own stores: they are added to the topology and connected to it. */
public interface ConnectedStoreProvider {
    default Set<StoreBuilder<?>> stores() {
        return null;
    }
}
