package dev.millrace.streams.state.internals;

import dev.millrace.streams.errors.ProcessorStateException;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.RocksDBConfigSetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.AbstractImmutableNativeReference;
import org.rocksdb.Options;
import org.rocksdb.PerfContext;
import org.rocksdb.PerfLevel;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RocksDBStoreTest {
    @TempDir
    Path dir;

    static final List<String> CALLS = new ArrayList<>();

    /** Records its calls and makes a change whose effect is visible: it forbids creating a missing database. */
    public static class ForbidCreate implements RocksDBConfigSetter {
        @Override
        public void setConfig(String storeName, Options options, Map<String, Object> configs) {
            CALLS.add("set " + storeName + " " + configs.get("custom"));
            options.setCreateIfMissing(false);
        }

        @Override
        public void close(String storeName, Options options) {
            CALLS.add("close " + storeName);
        }
    }

    /** Changes nothing but records that it ran, so a store can open with it. */
    public static class Recording implements RocksDBConfigSetter {
        @Override
        public void setConfig(String storeName, Options options, Map<String, Object> configs) {
            CALLS.add("set " + storeName + " maxWriteBufferNumber=" + options.maxWriteBufferNumber());
            options.setMaxWriteBufferNumber(4);
        }

        @Override
        public void close(String storeName, Options options) {
            CALLS.add("close " + storeName + " maxWriteBufferNumber=" + options.maxWriteBufferNumber());
        }
    }

    private SimpleStateStoreContext context(Map<String, Object> configs) {
        return new SimpleStateStoreContext("app", new TaskId(1, 3), dir.toFile(), configs);
    }

    @Test
    void rangeScansStopAtTheirBoundsInsideRocksDB() throws Exception {
        RocksDBStore store = new RocksDBStore("bounded");
        store.init(context(Map.of()), store);
        for (int i = 0; i < 10; i++) store.put(key("k", i), new byte[]{(byte) i});
        // 5,000 deleted keys on each side of the live ones: a scan that only stops at the first key out of range
        // steps over all the tombstones on its far side first
        for (int i = 0; i < 5_000; i++) {
            store.put(key("a", i), new byte[]{1});
            store.delete(key("a", i));
            store.put(key("z", i), new byte[]{1});
            store.delete(key("z", i));
        }
        store.flush();
        store.db().setPerfLevel(PerfLevel.ENABLE_COUNT);
        PerfContext perf = store.db().getPerfContext();
        try {
            perf.reset();
            assertEquals(10, drain(store.range(key("k", 0), key("k", 9))));
            assertEquals(0, perf.getInternalDeleteSkippedCount(), "tombstones above an inclusive upper bound");
            perf.reset();
            assertEquals(10, drain(store.reverseRange(key("k", 0), key("k", 9))));
            assertEquals(0, perf.getInternalDeleteSkippedCount(), "tombstones below the lower bound of a reverse scan");
            perf.reset();
            assertEquals(10, drain(store.prefixScan("k", new StringSerializer())));
            assertEquals(0, perf.getInternalDeleteSkippedCount(), "tombstones after a prefix");
            // the check is not vacuous: an unbounded scan does count the tombstones it passes
            perf.reset();
            assertEquals(10, drain(store.all()));
            assertTrue(perf.getInternalDeleteSkippedCount() >= 10_000, "an unbounded scan skips every tombstone");
        } finally {
            store.db().setPerfLevel(PerfLevel.DISABLE);
            store.close();
        }
    }

    private static Bytes key(String prefix, int i) {
        return Bytes.wrap(String.format("%s%05d", prefix, i).getBytes());
    }

    private static int drain(KeyValueIterator<Bytes, byte[]> it) {
        int n = 0;
        try (it) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    @Test
    void databaseLivesUnderTheTaskDirectoryAndSurvivesReopenAfterFlush() {
        RocksDBStore store = new RocksDBStore("counts");
        store.init(context(Map.of()), store);
        assertEquals(new File(dir.toFile(), "app/1_3/rocksdb/counts"), store.dbDir());
        assertTrue(new File(store.dbDir(), "CURRENT").isFile());
        store.put(Bytes.wrap(new byte[]{1}), new byte[]{10});
        store.flush();
        store.close();

        RocksDBStore again = new RocksDBStore("counts");
        again.init(context(Map.of()), again);
        assertArrayEquals(new byte[]{10}, again.get(Bytes.wrap(new byte[]{1})));
        assertEquals(1, again.approximateNumEntries());
        again.close();
    }

    @Test
    void configSetterIsCalledAndItsOptionsTakeEffect() {
        CALLS.clear();
        RocksDBStore store = new RocksDBStore("forbidden");
        // by class: the setter forbids creating the DB, so opening a store that does not exist yet must fail
        ProcessorStateException e = assertThrows(ProcessorStateException.class, () -> store.init(context(Map.of(
                RocksDBStore.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, ForbidCreate.class, "custom", "x")), store));
        assertTrue(e.getCause().getMessage().contains("does not exist"), e.getCause().getMessage());
        assertEquals(List.of("set forbidden x", "close forbidden"), CALLS);
        assertFalse(store.isOpen());
        for (AbstractImmutableNativeReference h : store.nativeHandles()) assertFalse(h.isOwningHandle(), "leaked " + h);

        // by class name, as in a properties file; the setter sees Millrace's defaults and its change stays
        CALLS.clear();
        RocksDBStore ok = new RocksDBStore("recorded");
        ok.init(context(Map.of(RocksDBStore.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, Recording.class.getName())), ok);
        ok.close();
        assertEquals(List.of("set recorded maxWriteBufferNumber=3", "close recorded maxWriteBufferNumber=4"), CALLS);
    }

    @Test
    void aConfigSetterThatIsNotOneIsRefused() {
        RocksDBStore store = new RocksDBStore("bad");
        assertThrows(ProcessorStateException.class, () -> store.init(context(Map.of(
                RocksDBStore.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, String.class)), store));
    }

    @Test
    void closeReleasesEveryNativeHandleIncludingIteratorsLeftOpen() {
        RocksDBStore store = new RocksDBStore("handles");
        store.init(context(Map.of()), store);
        for (int i = 0; i < 100; i++) store.put(Bytes.wrap(new byte[]{(byte) i}), new byte[]{(byte) i});
        KeyValueIterator<Bytes, byte[]> forgotten = store.range(null, null);
        forgotten.next();
        try (KeyValueIterator<Bytes, byte[]> closed = store.reverseAll()) {
            closed.next();
        }
        assertEquals(1, store.openIterators());
        List<AbstractImmutableNativeReference> handles = store.nativeHandles();
        assertTrue(handles.size() >= 5, "db, options, write/flush options, filter: " + handles);
        for (AbstractImmutableNativeReference h : handles) assertTrue(h.isOwningHandle());
        store.close();
        assertEquals(0, store.openIterators());
        for (AbstractImmutableNativeReference h : handles) assertFalse(h.isOwningHandle(), "leaked " + h);
    }

    @Test
    void sharedMemoryIsOneCacheForAllStores() {
        RocksDBStore a = new RocksDBStore("a");
        RocksDBStore b = new RocksDBStore("b");
        a.init(context(Map.of()), a);
        b.init(context(Map.of()), b);
        assertTrue(RocksDBMemory.shared().cache().isOwningHandle());
        a.close();
        b.close();
        // closing stores must not free what the process shares
        assertTrue(RocksDBMemory.shared().cache().isOwningHandle());
        assertTrue(RocksDBMemory.shared().writeBufferManager().isOwningHandle());
    }
    /** Writes {@code files} batches, each flushed into its own level-0 file, while bulk loading is on. */
    private static void bulkLoadFiles(RocksDBStore store, int files) {
        store.toggleDbForBulkLoading(true);
        for (int f = 0; f < files; f++) {
            List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(new ConsumerRecord<>("t", 0, f * 100L + i, new byte[]{(byte) f, (byte) i}, new byte[]{(byte) i}));
            }
            store.restoreBatch(batch, ConsumerRecord::value);
            store.flush();
        }
        assertEquals(files, store.level0Files(), "auto compaction is off while bulk loading");
    }

    @Test
    void bulkLoadEndsWithOneFullCompactionOnlyPastTheLevel0SlowdownTrigger() throws Exception {
        RocksDBStore few = new RocksDBStore("few");
        few.init(context(Map.of()), few);
        bulkLoadFiles(few, 3); // under the compaction trigger (4): nothing compacts them, now or later
        few.toggleDbForBulkLoading(false);
        assertEquals(3, few.level0Files(), "a few level-0 files are left to the background compaction");
        assertArrayEquals(new byte[]{7}, few.get(Bytes.wrap(new byte[]{2, 7})));
        few.close();

        RocksDBStore many = new RocksDBStore("many");
        many.init(context(Map.of()), many);
        bulkLoadFiles(many, 20); // the default level0_slowdown_writes_trigger
        many.toggleDbForBulkLoading(false);
        assertEquals(0, many.level0Files(), "past the slowdown trigger, restore compacts everything out of level 0");
        assertArrayEquals(new byte[]{99}, many.get(Bytes.wrap(new byte[]{19, 99})));
        many.close();
    }

    @Test
    void restoreBatchWritesPutsAndDeletesInOrderWithTheGivenValues() {
        RocksDBStore store = new RocksDBStore("restored");
        store.init(context(Map.of()), store);
        store.put(Bytes.wrap(new byte[]{9}), new byte[]{1});
        List<ConsumerRecord<byte[], byte[]>> batch = List.of(
                new ConsumerRecord<>("t", 0, 0L, new byte[]{1}, new byte[]{10}),
                new ConsumerRecord<>("t", 0, 1L, new byte[]{2}, new byte[]{20}),
                new ConsumerRecord<>("t", 0, 2L, new byte[]{1}, new byte[]{11}),
                new ConsumerRecord<>("t", 0, 3L, new byte[]{9}, null),
                new ConsumerRecord<>("t", 0, 4L, new byte[]{2}, null),
                new ConsumerRecord<>("t", 0, 5L, new byte[]{2}, new byte[]{21}));
        // the value function is what the changelog layer passes: here it marks each value with its offset
        store.restoreBatch(batch, r -> r.value() == null ? null : new byte[]{r.value()[0], (byte) r.offset()});
        assertArrayEquals(new byte[]{11, 2}, store.get(Bytes.wrap(new byte[]{1})));
        assertArrayEquals(new byte[]{21, 5}, store.get(Bytes.wrap(new byte[]{2})));
        assertEquals(null, store.get(Bytes.wrap(new byte[]{9})));
        store.close();
    }
}
