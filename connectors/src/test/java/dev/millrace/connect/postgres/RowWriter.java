package dev.millrace.connect.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * Inserts ids 1, 2, 3, … into a one-column table, one autocommitted transaction each, every 2 ms, until stopped: the
 * steady stream of single-row transactions that resume tests stop and restart the connector in the middle of.
 */
final class RowWriter implements AutoCloseable {
    private final Thread thread;
    private volatile boolean writing = true;
    private volatile int lastId;
    private volatile Throwable failure;

    RowWriter(PostgresServer pg, String table) {
        thread = new Thread(() -> {
            try (Connection c = pg.connect("postgres");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
                while (writing) {
                    insert.setInt(1, lastId + 1);
                    insert.executeUpdate();
                    lastId++;
                    Thread.sleep(2);
                }
            } catch (Throwable t) {
                failure = t;
            }
        }, "writer-" + table);
        thread.start();
    }

    /** Stops writing and returns the last id committed; fails if the writer failed. */
    int stop() throws Exception {
        close();
        if (failure != null) throw new AssertionError("the writer failed", failure);
        return lastId;
    }

    @Override
    public void close() throws InterruptedException {
        writing = false;
        thread.join();
    }
}
