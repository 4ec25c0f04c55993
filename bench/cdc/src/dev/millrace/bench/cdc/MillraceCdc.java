package dev.millrace.bench.cdc;

import dev.millrace.connect.runtime.ConnectRuntime;
import dev.millrace.connect.runtime.WorkerConfig;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Millrace's PostgreSQL connector as a user runs it: a Millrace connect worker (the same runtime as
 * {@code bin/millrace start}, worker defaults: JSON with schemas, idempotent acks=all producer) in this process,
 * the connector created through its herder exactly as {@code POST /connectors} does.
 */
final class MillraceCdc implements CdcEngine {
    private final String bootstrap;
    private final String storagePrefix;
    private ConnectRuntime runtime;
    private String connector;

    MillraceCdc(String bootstrap, String storagePrefix) {
        this.bootstrap = bootstrap;
        this.storagePrefix = storagePrefix;
    }

    @Override
    public String name() {
        return "millrace";
    }

    @Override
    public void start(String connectorName, Map<String, String> config) {
        Map<String, String> worker = new HashMap<>();
        worker.put("bootstrap.servers", bootstrap);
        worker.put("rest.host.name", "127.0.0.1");
        worker.put("rest.port", "0");
        // worker topics of their own per run, so no run restarts another's connector
        worker.put("offset.storage.topic", storagePrefix + "-offsets");
        worker.put("config.storage.topic", storagePrefix + "-configs");
        worker.put("status.storage.topic", storagePrefix + "-status");
        runtime = ConnectRuntime.start(WorkerConfig.parse(worker));
        connector = connectorName;
        runtime.herder().create(connectorName, config);
    }

    /** As {@code PUT /connectors/{name}/stop}: the task commits its offsets and leaves; the worker stays. */
    @Override
    public void stop() {
        runtime.herder().stop(connector);
    }

    /** As {@code PUT /connectors/{name}/resume} on a stopped connector: a new task from the stored offsets. */
    @Override
    public void restart() {
        runtime.herder().resume(connector);
    }

    /**
     * The connector producer's own metrics (kafka-clients' JMX beans in this JVM), read before {@link #close}: how
     * many records share a batch and a produce request, how long a request takes, how much the sender thread waits.
     */
    Map<String, Object> producerMetrics() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Object> out = new LinkedHashMap<>();
        for (ObjectName name : server.queryNames(new ObjectName(
                "kafka.producer:type=producer-metrics,client-id=connector-producer-*"), null)) {
            for (String a : new String[] {"record-size-avg", "batch-size-avg", "records-per-request-avg",
                "request-rate", "request-latency-avg", "request-latency-max", "record-queue-time-avg",
                "io-wait-ratio", "io-ratio", "bufferpool-wait-ratio", "select-rate", "record-send-rate"}) {
                out.put(a, server.getAttribute(name, a));
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.herder().delete(connector);
            runtime.close();
            runtime = null;
        }
    }
}
