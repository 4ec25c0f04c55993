package dev.millrace.streams.kstream;

import java.util.Objects;

/** A key with the window it belongs to: the key type of window and session stores, as Kafka Streams' {@code Windowed}. */
public class Windowed<K> {
    private final K key;
    private final Window window;

    public Windowed(K key, Window window) {
        this.key = key;
        this.window = window;
    }

    public K key() {
        return key;
    }

    public Window window() {
        return window;
    }

    @Override
    public String toString() {
        return "[" + key + "@" + window.start() + "/" + window.end() + "]";
    }

    @Override
    public boolean equals(Object obj) {
        if (obj == this) return true;
        if (!(obj instanceof Windowed)) return false;
        Windowed<?> that = (Windowed<?>) obj;
        return window.equals(that.window) && Objects.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return window.hashCode() * 31 + Objects.hashCode(key);
    }
}
