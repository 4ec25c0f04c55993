package dev.millrace.streams.processor.internals.metrics;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.Sensor.RecordingLevel;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The client-level {@code stream-metrics} of one Streams client, as Kafka Streams 4.4 registers them: version,
 * commit-id, application-id, topology-description, state, alive-stream-threads and failed-stream-threads tagged
 * {@code client-id}; client-state (the state's ordinal) tagged also {@code process-id} and {@code application-id};
 * recording-level (0 INFO, 1 DEBUG, 2 TRACE) tagged also {@code process-id}. The version is Millrace's.
 */
public final class ClientMetrics implements AutoCloseable {
    private static final String UNKNOWN = "unknown";
    private static final Properties VERSION_FILE = loadVersion();

    private final MetricsScope scope;
    private final MetricsScope telemetryScope;
    private final MetricsScope levelScope;
    private final Sensor failedStreamThreads;

    public ClientMetrics(StreamsMetricsImpl registry, String applicationId, Supplier<String> topologyDescription,
                         Supplier<String> stateName, IntSupplier stateOrdinal, IntSupplier aliveStreamThreads) {
        scope = registry.clientScope();
        scope.gauge("version", "The version of the Kafka Streams client", RecordingLevel.INFO, (c, now) -> version());
        scope.gauge("commit-id", "The version control commit ID of the Kafka Streams client", RecordingLevel.INFO,
                (c, now) -> commitId());
        scope.gauge("application-id", "The application ID of the Kafka Streams client", RecordingLevel.INFO,
                (c, now) -> applicationId);
        scope.gauge("topology-description", "The description of the topology executed in the Kafka Streams client",
                RecordingLevel.INFO, (c, now) -> topologyDescription.get());
        scope.gauge("state", "The state of the Kafka Streams client", RecordingLevel.INFO, (c, now) -> stateName.get());
        scope.gauge("alive-stream-threads", "The current number of alive stream threads that are running or "
                + "participating in rebalance", RecordingLevel.INFO, (c, now) -> aliveStreamThreads.getAsInt());
        failedStreamThreads = scope.sensor("failed-stream-threads", RecordingLevel.INFO);
        scope.addSum(failedStreamThreads, "failed-stream-threads",
                "The number of failed stream threads since the start of the Kafka Streams client");

        Map<String, String> telemetryTags = new LinkedHashMap<>();
        telemetryTags.put(StreamsMetricsImpl.PROCESS_ID_TAG, registry.processId());
        telemetryTags.put(StreamsMetricsImpl.APPLICATION_ID_TAG, applicationId);
        telemetryScope = registry.clientScope(telemetryTags);
        telemetryScope.gauge("client-state", "The state of the Kafka Streams client", RecordingLevel.INFO,
                (c, now) -> stateOrdinal.getAsInt());
        levelScope = registry.clientScope(Map.of(StreamsMetricsImpl.PROCESS_ID_TAG, registry.processId()));
        int level = registry.recordingLevel().id;
        levelScope.gauge("recording-level", "The metrics recording level of the Kafka Streams client",
                RecordingLevel.INFO, (c, now) -> level);
    }

    /** Millrace's version, from the jar's build; "unknown" when run from classes without it. */
    public static String version() {
        return VERSION_FILE.getProperty("version", UNKNOWN).trim();
    }

    public static String commitId() {
        return VERSION_FILE.getProperty("commitId", UNKNOWN).trim();
    }

    private static Properties loadVersion() {
        Properties p = new Properties();
        try (InputStream in = ClientMetrics.class.getResourceAsStream("/millrace/millrace-streams-version.properties")) {
            if (in != null) p.load(in);
        } catch (Exception e) {
            // the defaults say "unknown", as Kafka Streams' do when its version file is missing
        }
        return p;
    }

    /** A stream thread died of an error. */
    public void streamThreadFailed() {
        failedStreamThreads.record();
    }

    @Override
    public void close() {
        scope.close();
        telemetryScope.close();
        levelScope.close();
    }
}
