package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.KeyValueIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.TableProperties;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A RocksDB store's restore through sorted table files ({@link BulkRestore}), checked against a sorted map. */
class BulkRestoreTest {
    private static final long CHUNK = 64 * 1024;
    private static final long MIN_FILE = 16 * 1024;

    @TempDir
    Path dir;

    private final TreeMap<Bytes, byte[]> model = new TreeMap<>();
    private final SplittableRandom random = new SplittableRandom(2026);
    private long offset;

    private RocksDBStore open(String name, long chunkBytes, long minFileBytes) {
        RocksDBStore store = new RocksDBStore(name);
        store.restoreChunkBytes(chunkBytes, minFileBytes);
        store.init(new SimpleStateStoreContext("app", new TaskId(0, 0), dir.toFile(), Map.of()), store);
        return store;
    }

    /** A polled batch of {@code n} changes over {@code keySpace} keys, a fifth of them deletes, applied to the model too. */
    private List<ConsumerRecord<byte[], byte[]>> changes(int n, int keySpace) {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] key = ("key-" + random.nextInt(keySpace)).getBytes();
            byte[] value = null;
            if (random.nextInt(5) > 0) {
                value = new byte[random.nextInt(1, 200)];
                random.nextBytes(value);
            }
            batch.add(new ConsumerRecord<>("app-store-changelog", 0, offset++, key, value));
            if (value == null) model.remove(Bytes.wrap(key));
            else model.put(Bytes.wrap(key), value);
        }
        return batch;
    }

    private void assertMatchesModel(RocksDBStore store) {
        List<KeyValue<Bytes, byte[]>> stored = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            it.forEachRemaining(stored::add);
        }
        assertEquals(model.size(), stored.size(), "keys in the store");
        int i = 0;
        for (Map.Entry<Bytes, byte[]> e : model.entrySet()) {
            KeyValue<Bytes, byte[]> kv = stored.get(i++);
            assertEquals(e.getKey(), kv.key);
            assertArrayEquals(e.getValue(), kv.value, "value of " + e.getKey());
        }
    }

    private static void assertNoRestoreFilesLeft(RocksDBStore store) {
        File[] left = store.dbDir().listFiles((d, name) -> name.startsWith("restore-"));
        assertEquals(0, left == null ? 0 : left.length, "restore files left in " + store.dbDir());
    }

    @Test
    void aRestoreIntoAnEmptyStoreIngestsSortedFilesHoldingTheLastWriteOfEachKey() throws Exception {
        RocksDBStore store = open("empty", CHUNK, MIN_FILE);
        store.toggleDbForBulkLoading(true);
        for (int b = 0; b < 40; b++) store.restoreBatch(changes(250, 3000), ConsumerRecord::value);
        // compaction is off while bulk loading, so the files are as written: the first went into an empty store,
        // where a delete removes nothing, and holds none; later ones keep theirs, which remove keys of earlier ones
        TreeMap<String, TableProperties> files = new TreeMap<>(store.db().getPropertiesOfAllTables());
        assertEquals(store.restoreFilesIngested(), files.size());
        assertEquals(0, files.firstEntry().getValue().getNumDeletions());
        assertTrue(files.values().stream().mapToLong(TableProperties::getNumDeletions).sum() > 0);
        store.toggleDbForBulkLoading(false);
        assertTrue(store.restoreFilesIngested() >= 5, "files ingested: " + store.restoreFilesIngested());
        assertMatchesModel(store);
        assertNoRestoreFilesLeft(store);
        store.close();
    }

    @Test
    void deletesInTheFirstFileOfAnEmptyStoreAreLeftOut() throws Exception {
        RocksDBStore store = open("first", CHUNK, MIN_FILE);
        store.toggleDbForBulkLoading(true);
        store.restoreBatch(changes(300, 100_000), ConsumerRecord::value); // ~30 kB: one file at the end
        store.toggleDbForBulkLoading(false);
        assertEquals(1, store.restoreFilesIngested());
        Map<String, TableProperties> tables = store.db().getPropertiesOfAllTables();
        assertEquals(1, tables.size());
        TableProperties file = tables.values().iterator().next();
        assertEquals(0, file.getNumDeletions());
        assertEquals(model.size(), file.getNumEntries());
        assertMatchesModel(store);
        store.close();
    }

    @Test
    void aRestoreOverExistingDataOverwritesAndDeletesIt() {
        RocksDBStore store = open("existing", CHUNK, MIN_FILE);
        for (int k = 0; k < 3000; k += 2) {
            byte[] key = ("key-" + k).getBytes();
            store.put(Bytes.wrap(key), new byte[]{1});
            model.put(Bytes.wrap(key), new byte[]{1});
        }
        store.flush();
        store.toggleDbForBulkLoading(true);
        for (int b = 0; b < 20; b++) store.restoreBatch(changes(250, 3000), ConsumerRecord::value);
        store.toggleDbForBulkLoading(false);
        assertTrue(store.restoreFilesIngested() >= 2, "files ingested: " + store.restoreFilesIngested());
        assertMatchesModel(store);
        store.close();
    }

    @Test
    void readsAndWritesDuringARestoreSeeEveryRecordRestoredBeforeThem() {
        RocksDBStore store = open("reads", CHUNK, MIN_FILE);
        store.toggleDbForBulkLoading(true);
        store.restoreBatch(List.of(new ConsumerRecord<>("t", 0, 0L, new byte[]{1}, new byte[]{10})), ConsumerRecord::value);
        assertArrayEquals(new byte[]{10}, store.get(Bytes.wrap(new byte[]{1})), "a get writes what the restore holds first");
        store.restoreBatch(List.of(new ConsumerRecord<>("t", 0, 1L, new byte[]{2}, new byte[]{20})), ConsumerRecord::value);
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            assertEquals(Bytes.wrap(new byte[]{1}), it.next().key);
            assertEquals(Bytes.wrap(new byte[]{2}), it.next().key);
        }
        store.restoreBatch(List.of(new ConsumerRecord<>("t", 0, 2L, new byte[]{3}, new byte[]{30})), ConsumerRecord::value);
        store.put(Bytes.wrap(new byte[]{3}), new byte[]{31}); // a later write wins over the restored record before it
        store.toggleDbForBulkLoading(false);
        assertArrayEquals(new byte[]{31}, store.get(Bytes.wrap(new byte[]{3})));
        assertEquals(0, store.restoreFilesIngested(), "chunks this small go through the memtable");
        store.close();
    }

    @Test
    void closingInTheMiddleOfARestoreKeepsWhatWasRestored() {
        RocksDBStore store = open("closed", CHUNK, MIN_FILE);
        store.toggleDbForBulkLoading(true);
        for (int b = 0; b < 10; b++) store.restoreBatch(changes(250, 3000), ConsumerRecord::value);
        store.close(); // no end of restore: the chunk still gathering is written at close
        assertNoRestoreFilesLeft(store);
        RocksDBStore reopened = open("closed", CHUNK, MIN_FILE);
        assertMatchesModel(reopened);
        reopened.close();
    }

    @Test
    void aRestoreWithTheDefaultChunkTakesMemtablesForASmallTailAndAFileForMore() {
        RocksDBStore store = open("defaults", RocksDBMemory.MEMTABLE_BYTES, BulkRestore.MIN_FILE_BYTES);
        store.toggleDbForBulkLoading(true);
        store.restoreBatch(changes(1000, 1000), ConsumerRecord::value); // ~150 kB
        store.toggleDbForBulkLoading(false);
        assertEquals(0, store.restoreFilesIngested());
        store.toggleDbForBulkLoading(true);
        for (int b = 0; b < 30; b++) store.restoreBatch(changes(1000, 50_000), ConsumerRecord::value); // ~4 MB
        store.toggleDbForBulkLoading(false);
        assertEquals(1, store.restoreFilesIngested());
        assertMatchesModel(store);
        assertNull(store.get(Bytes.wrap("absent".getBytes())));
        store.close();
    }

    @Test
    void aFileLeftByARestoreThatCrashedIsDeletedWhenTheNextRestoreStarts() throws Exception {
        RocksDBStore store = open("leftover", CHUNK, MIN_FILE);
        File stray = new File(store.dbDir(), "restore-7.sst");
        java.nio.file.Files.write(stray.toPath(), new byte[]{1, 2, 3}); // half-written: not a valid table file
        store.toggleDbForBulkLoading(true);
        assertTrue(!stray.exists(), "the leftover file is gone once a restore starts");
        for (int b = 0; b < 10; b++) store.restoreBatch(changes(250, 3000), ConsumerRecord::value);
        store.toggleDbForBulkLoading(false);
        assertMatchesModel(store);
        assertNoRestoreFilesLeft(store);
        store.close();
    }

    @Test
    void aStandbyStyleRestoreWithoutBulkLoadingWritesStraightToTheStore() {
        RocksDBStore store = open("standby", CHUNK, MIN_FILE);
        store.restoreBatch(changes(500, 3000), ConsumerRecord::value);
        assertEquals(0, store.restoreFilesIngested());
        assertMatchesModel(store);
        store.close();
        assertTrue(Arrays.asList(store.dbDir().list()).stream().noneMatch(n -> n.startsWith("restore-")));
    }
}
