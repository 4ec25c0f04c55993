package dev.millrace.streams.kstream.internals;

/**
 * Makes a {@link KTableValueGetter} per task, and names the stores the getter reads, so that the topology connects
 * them to every processor that uses it.
 */
public interface KTableValueGetterSupplier<K, V> {
    KTableValueGetter<K, V> get();

    String[] storeNames();
}
