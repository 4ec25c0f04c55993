package dev.millrace.streams.state.internals;

import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.SstFileWriter;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;

/**
 * How a RocksDB store takes a restore: restored records gather in a {@link RestoreChunk} of up to
 * {@code chunkBytes} and are then written as one sorted table file, each key once with its last value, which RocksDB
 * ingests as a whole ({@code IngestExternalFile}) instead of inserting record by record into a memtable and
 * flushing that later. A memtable insert is a skip-list search per record, most of a restore's cost; sorting the
 * chunk in Java and appending it to a file costs less, and a compacted changelog's repeats of a key are written once.
 * Each ingested file gets a sequence number above everything before it, so files and writes stay in changelog order.
 *
 * <p>A chunk smaller than {@link #MIN_FILE_BYTES} (the tail of a restore, or one interrupted by a read) goes to the
 * memtable as one WriteBatch in changelog order: a file per small tail would leave many small overlapping files.
 * While nothing is below the chunk (a restore into an empty store, until its first write) a delete has nothing to
 * remove and is left out of the file.
 *
 * <p>One instance serves one bulk load; {@link #close()} frees its native objects, and the store writes any pending
 * chunk before (see {@link RocksDBStore#toggleDbForBulkLoading}).
 */
final class BulkRestore implements AutoCloseable {
    /** Below this many bytes a chunk goes through the memtable instead of becoming a file. */
    static final long MIN_FILE_BYTES = 1L << 20;
    /** Restore files are {@code restore-<n>.sst}: RocksDB's own table files are numbers only, so it never reads them. */
    static final String FILE_PREFIX = "restore-";

    private final RocksDB db;
    private final Options options;
    private final WriteOptions writeOptions;
    private final File dir;
    private final long chunkBytes;
    private final long minFileBytes;
    private final RestoreChunk chunk = new RestoreChunk();
    private final EnvOptions envOptions = new EnvOptions();
    private final IngestExternalFileOptions ingestOptions = new IngestExternalFileOptions()
            .setMoveFiles(true) // a hard link into the database, not a copy: the file is ours and goes away after
            .setSnapshotConsistency(false); // no snapshots are taken of a restoring store
    // the writer reads key and value from direct buffers: passing heap arrays costs a JNI copy of each, which was a
    // fifth of a restore's time
    private ByteBuffer keyBuffer = ByteBuffer.allocateDirect(256);
    private ByteBuffer valueBuffer = ByteBuffer.allocateDirect(16 * 1024);
    private boolean emptyBelow;
    private int files;

    /**
     * @param dir the database's directory, where the files are written; one that a crash in the middle of an earlier
     *            restore left there is deleted now (a store without a checkpoint is wiped anyway, but one restoring
     *            the tail after its checkpoint is not)
     */
    BulkRestore(RocksDB db, Options options, WriteOptions writeOptions, File dir, long chunkBytes, long minFileBytes) {
        this.db = db;
        this.options = options;
        this.writeOptions = writeOptions;
        this.dir = dir;
        this.chunkBytes = chunkBytes;
        this.minFileBytes = minFileBytes;
        File[] leftOver = dir.listFiles((d, n) -> n.startsWith(FILE_PREFIX) && n.endsWith(".sst"));
        if (leftOver != null) for (File f : leftOver) delete(f);
        try (RocksIterator it = db.newIterator()) {
            it.seekToFirst();
            emptyBelow = !it.isValid();
        }
    }

    /** Adds a restored write (null value: delete), writing the chunk once it holds {@code chunkBytes}. */
    void add(byte[] key, byte[] value) throws RocksDBException {
        chunk.add(key, value);
        if (chunk.bytes() >= chunkBytes) write();
    }

    /** Whether records wait to be written; reads must not run before they are. */
    boolean pending() {
        return chunk.size() > 0;
    }

    /** Writes the records added since the last write. Even when it fails, the chunk is dropped. */
    void write() throws RocksDBException {
        if (chunk.size() == 0) return;
        try {
            if (chunk.bytes() < minFileBytes) writeBatch();
            else writeFile();
            emptyBelow = false;
        } finally {
            chunk.clear();
        }
    }

    /** Table files ingested so far. */
    int files() {
        return files;
    }

    private void writeBatch() throws RocksDBException {
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = 0; i < chunk.size(); i++) {
                byte[] value = chunk.value(i);
                if (value == null) batch.delete(chunk.key(i));
                else batch.put(chunk.key(i), value);
            }
            db.write(writeOptions, batch);
        }
    }

    private void writeFile() throws RocksDBException {
        int[] order = chunk.latestInKeyOrder();
        File file = new File(dir, FILE_PREFIX + (files + 1) + ".sst");
        try {
            int entries = 0;
            try (SstFileWriter writer = new SstFileWriter(envOptions, options)) {
                writer.open(file.getAbsolutePath());
                for (int i : order) {
                    byte[] value = chunk.value(i);
                    if (value == null) {
                        if (emptyBelow) continue;
                        writer.delete(chunk.key(i));
                    } else {
                        writer.put(keyBuffer(chunk.key(i)), valueBuffer(value));
                    }
                    entries++;
                }
                if (entries == 0) return; // only deletes of keys that are not there
                writer.finish();
            }
            db.ingestExternalFile(List.of(file.getAbsolutePath()), ingestOptions);
            files++;
        } finally {
            delete(file); // ingestion moved it; a failed or empty one must not stay
        }
    }

    private ByteBuffer keyBuffer(byte[] key) {
        keyBuffer = fill(keyBuffer, key);
        return keyBuffer;
    }

    private ByteBuffer valueBuffer(byte[] value) {
        valueBuffer = fill(valueBuffer, value);
        return valueBuffer;
    }

    /** The bytes in {@code buffer}, or in a larger direct buffer that replaces it when they do not fit. */
    private static ByteBuffer fill(ByteBuffer buffer, byte[] bytes) {
        ByteBuffer b = buffer.capacity() >= bytes.length ? buffer
                : ByteBuffer.allocateDirect(Math.max(bytes.length, buffer.capacity() * 2));
        b.clear();
        b.put(bytes).flip();
        return b;
    }

    private static void delete(File file) {
        try {
            Files.deleteIfExists(file.toPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete restore file " + file, e);
        }
    }

    @Override
    public void close() {
        chunk.clear();
        ingestOptions.close();
        envOptions.close();
    }
}
