package dev.millrace.bench.cdc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * pgbench-like load: {@code clients} JDBC connections in autocommit, each committing single-row changes,
 * alternating an insert of a new row and an update of the row it just inserted, until together they committed
 * {@code total} changes: as fast as they can, or at a fixed total rate.
 */
final class ChangeWriters {
    private ChangeWriters() {
    }

    /** Runs the load as fast as the clients can and returns how long it took in ms. */
    static long run(String jdbcUrl, String table, int clients, int total, long idBase) throws Exception {
        return run(jdbcUrl, table, clients, total, idBase, 0);
    }

    /** Runs the load at {@code perSecond} changes/s in total (0: unpaced) and returns how long it took in ms. */
    static long run(String jdbcUrl, String table, int clients, int total, long idBase, int perSecond)
            throws Exception {
        long intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L * clients / perSecond;
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.currentTimeMillis();
        for (int c = 0; c < clients; c++) {
            int changes = total / clients + (c < total % clients ? 1 : 0);
            long base = idBase + (long) c * 100_000_000L;
            Thread t = new Thread(() -> {
                try {
                    write(jdbcUrl, table, changes, base, intervalNanos);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "writer-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a writer failed: " + failure.get(), failure.get());
        }
        return System.currentTimeMillis() - start;
    }

    private static void write(String jdbcUrl, String table, int changes, long base, long intervalNanos)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                        + " (id, name, qty, price, active, updated) VALUES (?, ?, ?, ?, true, clock_timestamp())");
                PreparedStatement update = c.prepareStatement("UPDATE " + table
                        + " SET qty = qty + 1, price = price + 0.01, updated = clock_timestamp() WHERE id = ?")) {
            c.setAutoCommit(true);
            long id = base;
            long start = System.nanoTime();
            for (int i = 0; i < changes; i++) {
                long due = start + i * intervalNanos;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                if (i % 2 == 0) {
                    id++;
                    insert.setLong(1, id);
                    insert.setString(2, "item-" + id);
                    insert.setInt(3, (int) (id % 1000));
                    insert.setBigDecimal(4, java.math.BigDecimal.valueOf(id % 100_000, 2));
                    insert.executeUpdate();
                } else {
                    update.setLong(1, id);
                    update.executeUpdate();
                }
            }
        }
    }
}
