package dev.millrace.tools.produce;

import dev.millrace.tools.client.ClientProperties;
import dev.millrace.tools.client.ToolException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code produce}: sends each line of standard input as one record, as kafka-console-producer does.
 * Client properties apply in this order, later ones winning: the client's defaults,
 * {@code --producer.config}, {@code --producer-property}, {@code --compression-codec}.
 */
@Command(name = "produce",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Send lines of standard input to a topic, one record per line.")
public final class ProduceCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT",
            description = "Broker(s) to connect to, comma-separated.")
    String bootstrapServer;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Topic to send to.")
    String topic;

    @Option(names = "--property", paramLabel = "KEY=VALUE",
            description = "Line format: parse.key=true|false, key.separator=SEP (default tab), "
                    + "null.marker=TEXT, ignore.error=true|false; repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
            description = "A producer client property; repeatable.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--producer.config", paramLabel = "FILE", description = "Producer client properties file.")
    Path producerConfig;

    @Option(names = "--compression-codec", paramLabel = "CODEC", arity = "0..1", fallbackValue = "gzip",
            description = "none, gzip (when given without a value), snappy, lz4 or zstd.")
    String compressionCodec;

    @Option(names = "--sync", description = "Wait for each record to be acknowledged before sending the next.")
    boolean sync;

    /** Standard input, replaceable in tests. */
    InputStream in = System.in;

    @Override
    public Integer call() {
        LineFormat format;
        try {
            format = LineFormat.fromProperties(properties);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        AtomicLong failures = new AtomicLong();
        try (Producer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer());
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            long lineNumber = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                LineFormat.Parsed parsed = format.parse(line, lineNumber);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, bytes(parsed.key()),
                        bytes(parsed.value()));
                if (sync) {
                    try {
                        producer.send(record).get();
                    } catch (ExecutionException e) {
                        throw ToolException.from("Cannot send line " + lineNumber + " to topic '" + topic + "'", e);
                    }
                } else {
                    long n = lineNumber;
                    producer.send(record, (metadata, exception) -> {
                        if (exception != null) {
                            failures.incrementAndGet();
                            synchronized (err) {
                                err.println(ToolException.from("Cannot send line " + n + " to topic '"
                                        + topic + "'", exception).getMessage());
                                err.flush();
                            }
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new ToolException("Cannot read standard input: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("Interrupted");
        } catch (org.apache.kafka.common.KafkaException e) {
            throw ToolException.from("Cannot send to topic '" + topic + "'", e);
        }
        // close() above waited for every in-flight send, so the count is final
        if (failures.get() > 0) {
            throw new ToolException(failures.get() + " record(s) were not sent to topic '" + topic + "'");
        }
        return 0;
    }

    Properties producerProperties() {
        ClientProperties props = new ClientProperties()
                .file(producerConfig)
                .overrides(producerProperties);
        if (compressionCodec != null) {
            props.set(ProducerConfig.COMPRESSION_TYPE_CONFIG, compressionCodec);
        }
        return props.build(bootstrapServer);
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }
}
