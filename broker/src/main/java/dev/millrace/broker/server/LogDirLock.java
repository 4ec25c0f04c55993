package dev.millrace.broker.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive lock on a log directory, so that two brokers never write the same logs. */
final class LogDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private LogDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static LogDirLock acquire(Path dir) {
        Path file = dir.resolve(".lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("Log directory " + dir + " is in use by another broker process");
            }
            return new LogDirLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock log directory " + dir, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The process is exiting; the OS drops the lock anyway.
        }
    }
}
