package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.WindowStoreIterator;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The read patterns the composite views share: the first store with an answer wins (point reads, single-key
 * fetches), or all stores' iterators one after the other (ranges). A store that closed under a read (its task
 * migrated) surfaces as Kafka Streams' "re-discover its location" error.
 */
final class CompositeReads {
    static final String MIGRATED = "State store is not available anymore and may have been migrated to another instance; "
            + "please re-discover its location from the state metadata.";

    private CompositeReads() {
    }

    /** The first non-null answer among the stores, null if none has one. */
    static <S, R> R firstNonNull(List<S> stores, Function<S, R> read, Function<InvalidStateStoreException, RuntimeException> migrated) {
        for (S store : stores) {
            try {
                R result = read.apply(store);
                if (result != null) return result;
            } catch (InvalidStateStoreException e) {
                throw migrated.apply(e);
            }
        }
        return null;
    }

    /** The first non-empty iterator among the stores (empty ones closed), or null if all are empty. */
    static <S, I extends KeyValueIterator<?, ?>> I firstNonEmpty(List<S> stores, Function<S, I> read,
                                                                 Function<InvalidStateStoreException, RuntimeException> migrated) {
        for (S store : stores) {
            try {
                I result = read.apply(store);
                if (result.hasNext()) return result;
                result.close();
            } catch (InvalidStateStoreException e) {
                throw migrated.apply(e);
            }
        }
        return null;
    }

    /** Every store's iterator in turn. */
    static <S, K, V> KeyValueIterator<K, V> concat(List<S> stores, Function<S, KeyValueIterator<K, V>> read) {
        return new CompositeKeyValueIterator<>(stores.iterator(), store -> {
            try {
                return read.apply(store);
            } catch (InvalidStateStoreException e) {
                throw new InvalidStateStoreException(MIGRATED);
            }
        });
    }

    static InvalidStateStoreException migrated(InvalidStateStoreException cause) {
        return new InvalidStateStoreException(MIGRATED);
    }

    static <K, V> KeyValueIterator<K, V> emptyIterator() {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public KeyValue<K, V> next() {
                throw new NoSuchElementException();
            }

            @Override
            public K peekNextKey() {
                throw new NoSuchElementException();
            }

            @Override
            public void close() {
            }
        };
    }

    static <V> WindowStoreIterator<V> emptyWindowStoreIterator() {
        KeyValueIterator<Long, V> empty = emptyIterator();
        return new WindowStoreIterator<>() {
            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public KeyValue<Long, V> next() {
                return empty.next();
            }

            @Override
            public Long peekNextKey() {
                return empty.peekNextKey();
            }

            @Override
            public void close() {
            }
        };
    }
}
