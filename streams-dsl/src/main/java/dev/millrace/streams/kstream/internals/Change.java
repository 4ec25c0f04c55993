package dev.millrace.streams.kstream.internals;

import java.util.Objects;

/** What flows between table processors: a key's new value and, when downstream asked for it, its old one. */
public final class Change<T> {
    public final T newValue;
    public final T oldValue;

    public Change(T newValue, T oldValue) {
        this.newValue = newValue;
        this.oldValue = oldValue;
    }

    @Override
    public String toString() {
        return "(" + newValue + "<-" + oldValue + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Change && Objects.equals(newValue, ((Change<?>) o).newValue)
                && Objects.equals(oldValue, ((Change<?>) o).oldValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(newValue, oldValue);
    }
}
