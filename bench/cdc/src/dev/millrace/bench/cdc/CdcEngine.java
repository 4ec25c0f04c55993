package dev.millrace.bench.cdc;

import java.util.Map;

/** One change-data-capture implementation under test: started with a Debezium-style connector config, then closed. */
interface CdcEngine extends AutoCloseable {
    /** "millrace" or "debezium". */
    String name();

    /** Starts capturing with this connector config (Debezium's keys); returns once the start was requested. */
    void start(String connectorName, Map<String, String> config) throws Exception;

    /** Stops capturing cleanly, its offsets stored, so {@link #restart} resumes where it stopped. */
    void stop() throws Exception;

    /** Starts again after {@link #stop}, from the stored offsets; returns once the start was requested. */
    void restart() throws Exception;

    /** Stops capturing and releases the replication slot's connection. */
    @Override
    void close() throws Exception;
}
