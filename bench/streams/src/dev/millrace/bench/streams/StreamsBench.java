package dev.millrace.bench.streams;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The Streams DSL benchmark (bench/streams/run.sh): Millrace's DSL against Kafka Streams 4.4.0 on one in-process
 * Millrace broker, same run. Preloads the input topic once; then per round, for each case (stateless filter and
 * mapValues, tumbling-window count) each implementation runs as a fresh JVM ({@link AppRun}) with a fresh
 * application.id, alternating which goes first. Prints a table and writes the JSON named by --out.
 */
public final class StreamsBench {
    static final String INPUT = "bench-input";
    static final int PARTITIONS = 6;
    static final int VALUE_BYTES = 100;
    static final int KEYS = 1000;
    /**
     * Topic configs of the input and outputs: kept for the whole run. Time retention would otherwise apply to the
     * records' event times, and an input older than the broker's 7 days would be deleted during the run.
     */
    static final Map<String, String> KEEP = Map.of("retention.ms", "-1", "retention.bytes", "-1");

    private StreamsBench() {
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path work = o.work;
        deleteTree(work);
        Files.createDirectories(work);
        System.out.printf("bench/streams: %,d records x %d B over %d partitions, %d rounds, %s, load %s%n",
                o.records, VALUE_BYTES, PARTITIONS, o.rounds, o.control ? "control (Kafka Streams vs Kafka Streams)"
                        : "Kafka Streams 4.4.0 vs Millrace", Machine.loadAverage());
        try (MillraceServer broker = MillraceServer.start(BrokerConfig.parse(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", work.resolve("broker").toString(),
                "num.partitions", String.valueOf(PARTITIONS),
                "group.initial.rebalance.delay.ms", "0")))) {
            String bootstrap = broker.bootstrapServers();
            long t0 = System.nanoTime();
            long passingFilter = preload(bootstrap, o.records);
            System.out.printf("preloaded in %.1f s; %,d records pass the stateless filter%n",
                    (System.nanoTime() - t0) / 1e9, passingFilter);

            String[] impls = o.control ? new String[] {"kafka", "kafka-b"} : new String[] {"kafka", "millrace"};
            List<AppRun.Result> results = new ArrayList<>();
            for (int round = 1; round <= o.rounds; round++) {
                for (String benchCase : new String[] {"stateless", "windowed"}) {
                    for (int i = 0; i < 2; i++) {
                        String impl = impls[(round + i + 1) % 2]; // first impl goes first in odd rounds
                        AppRun run = new AppRun(o, bootstrap, benchCase, impl, round, o.records,
                                benchCase.equals("stateless") ? passingFilter : o.records);
                        AppRun.Result r = run.execute();
                        results.add(r);
                        System.out.println("  " + r.line());
                    }
                }
            }
            Report report = new Report(o, impls, results);
            System.out.println();
            System.out.println(report.markdown());
            Files.writeString(o.out, report.json());
            System.out.println("wrote " + o.out);
        }
    }

    /** Writes the input once: keys user-0..999, 100 B values starting with a random letter, 1 ms apart in event time. */
    private static long preload(String bootstrap, long records) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(INPUT, PARTITIONS, (short) 1).configs(KEEP))).all().get();
        }
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "linger.ms", 5, "batch.size", 65536);
        Random random = new Random(42);
        long passing = 0;
        char[] value = new char[VALUE_BYTES];
        // event time advances 1 ms per record, so a key's records spread over many 1-minute windows; it ends now
        long eventTimeStart = System.currentTimeMillis() - records;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (long i = 0; i < records; i++) {
                for (int c = 0; c < VALUE_BYTES; c++) value[c] = (char) ('a' + random.nextInt(26));
                if (value[0] < 'n') passing++; // the stateless case's filter, see StreamsBenchApp
                producer.send(new ProducerRecord<>(INPUT, null, eventTimeStart + i, "user-" + (i % KEYS), new String(value)));
            }
            producer.flush();
        }
        return passing;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
        }
    }

    /** The command line: --quick, --control, --rounds N, --records N, and run.sh's paths. */
    static final class Options {
        long records = 1_000_000;
        int rounds = 3;
        boolean quick;
        boolean control;
        Path out;
        Path work;
        String commit = "unknown";
        final Map<String, String> classpaths = new LinkedHashMap<>();
        String java = "java";
        String appJvmOpts = "";

        static Options parse(String[] args) {
            Options o = new Options();
            Long records = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> o.quick = true;
                    case "--control" -> o.control = true;
                    case "--rounds" -> o.rounds = Integer.parseInt(args[++i]);
                    case "--records" -> records = Long.parseLong(args[++i]);
                    case "--out" -> o.out = Path.of(args[++i]);
                    case "--work" -> o.work = Path.of(args[++i]);
                    case "--commit" -> o.commit = args[++i];
                    case "--java" -> o.java = args[++i];
                    case "--kafka-classpath" -> o.classpaths.put("kafka", args[++i]);
                    case "--millrace-classpath" -> o.classpaths.put("millrace", args[++i]);
                    case "--app-jvm-opts" -> o.appJvmOpts = args[++i];
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            o.records = records != null ? records : o.quick ? 200_000 : 1_000_000;
            o.classpaths.put("kafka-b", o.classpaths.get("kafka"));
            return o;
        }
    }
}
