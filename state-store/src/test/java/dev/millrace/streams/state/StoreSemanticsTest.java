package dev.millrace.streams.state;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.errors.InvalidStateStoreException;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Iterator and life-cycle rules every store kind must keep, as Kafka Streams' stores do. */
class StoreSemanticsTest {
    @TempDir
    Path dir;

    private static Bytes k(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) out[i] = (byte) b[i];
        return Bytes.wrap(out);
    }

    private static final byte[] V = {42};

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void iteratorPeeksWithoutAdvancingAndEndsWithNoSuchElement(StoreKind kind) {
        KeyValueStore<Bytes, byte[]> store = kind.open("s", dir);
        store.put(k(1), V);
        store.put(k(2), V);
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            assertEquals(k(1), it.peekNextKey());
            assertEquals(k(1), it.peekNextKey());
            assertEquals(k(1), it.next().key);
            assertEquals(k(2), it.next().key);
            assertFalse(it.hasNext());
            assertThrows(NoSuchElementException.class, it::next);
            assertThrows(NoSuchElementException.class, it::peekNextKey);
        }
        store.close();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void closedIteratorThrowsAndCloseIsIdempotent(StoreKind kind) {
        KeyValueStore<Bytes, byte[]> store = kind.open("s", dir);
        store.put(k(1), V);
        KeyValueIterator<Bytes, byte[]> it = store.range(null, null);
        it.close();
        it.close();
        assertThrows(InvalidStateStoreException.class, it::hasNext);
        assertThrows(InvalidStateStoreException.class, it::next);
        assertThrows(InvalidStateStoreException.class, it::peekNextKey);
        store.close();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void closingTheStoreInvalidatesItsOpenIterators(StoreKind kind) {
        KeyValueStore<Bytes, byte[]> store = kind.open("s", dir);
        store.put(k(1), V);
        store.put(k(2), V);
        KeyValueIterator<Bytes, byte[]> it = store.all();
        assertEquals(k(1), it.next().key);
        store.close();
        assertThrows(InvalidStateStoreException.class, it::hasNext);
        assertThrows(InvalidStateStoreException.class, it::next);
        it.close(); // still allowed, and must not touch freed native memory
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void iteratorsSeeTheStoreAsOfTheirCreationAndToleratesWrites(StoreKind kind) {
        KeyValueStore<Bytes, byte[]> store = kind.open("s", dir);
        for (int i = 0; i < 5; i++) store.put(k(i), V);
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            int seen = 0;
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                store.delete(kv.key);          // deleting while scanning, as punctuators do
                store.put(k(9, seen), V);      // and adding past the cursor
                seen++;
            }
            assertEquals(5, seen);
        }
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            assertEquals(k(9, 0), it.next().key);
        }
        store.close();
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void everyOperationOnAClosedStoreThrows(StoreKind kind) {
        KeyValueStore<Bytes, byte[]> unopened = kind.make("never-opened");
        assertFalse(unopened.isOpen());
        assertThrows(InvalidStateStoreException.class, () -> unopened.get(k(1)));

        KeyValueStore<Bytes, byte[]> store = kind.open("s", dir);
        assertTrue(store.isOpen());
        store.close();
        store.close();
        assertFalse(store.isOpen());
        List<Executable> ops = List.of(
                () -> store.get(k(1)),
                () -> store.put(k(1), V),
                () -> store.put(k(1), null),
                () -> store.putIfAbsent(k(1), V),
                () -> store.putAll(List.of(KeyValue.pair(k(1), V))),
                () -> store.delete(k(1)),
                () -> store.range(k(0), k(2)),
                () -> store.reverseRange(null, null),
                store::all,
                store::reverseAll,
                () -> store.prefixScan(k(1), new BytesSerializer()),
                store::approximateNumEntries);
        for (Executable op : ops) assertThrows(InvalidStateStoreException.class, op);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void nullKeysAreRejectedAndNullValuesDelete(StoreKind kind) {
        KeyValueStore<Bytes, byte[]> store = kind.open("s", dir);
        assertThrows(NullPointerException.class, () -> store.put(null, V));
        assertThrows(NullPointerException.class, () -> store.get(null));
        store.put(k(1), V);
        store.put(k(1), null);
        assertNull(store.get(k(1)));
        store.put(k(), new byte[0]); // the empty key and the empty value are ordinary
        assertArrayEquals(new byte[0], store.get(k()));
        store.close();
    }
}
