package dev.millrace.bench.streams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The summary (median and min–max over rounds per case, metric and implementation, ratio of medians) and the JSON. */
final class Report {
    private record Metric(String name, String better, ToDoubleFunction<AppRun.Result> value) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("records/s, start to output complete", "higher", AppRun.Result::outputPerSecond),
            new Metric("records/s, start to all input processed", "higher", AppRun.Result::processedPerSecond),
            new Metric("records/s, RUNNING to all input processed", "higher", AppRun.Result::processedPerSecondAfterRunning),
            new Metric("ms, start to RUNNING", "lower", r -> r.toRunningMs()));

    private final StreamsBench.Options options;
    private final String[] impls;
    private final List<AppRun.Result> results;

    Report(StreamsBench.Options options, String[] impls, List<AppRun.Result> results) {
        this.options = options;
        this.impls = impls;
        this.results = results;
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("| Case | Metric | %s | %s | %s/%s | Better |%n| --- | --- | --- | --- | --- | --- |%n",
                label(impls[0]), label(impls[1]), label(impls[1]), label(impls[0])));
        for (String benchCase : new String[] {"stateless", "windowed"}) {
            for (Metric m : METRICS) {
                double[] a = values(benchCase, impls[0], m);
                double[] c = values(benchCase, impls[1], m);
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s |%n", benchCase, m.name,
                        spread(a), spread(c), median(c) / median(a), m.better));
            }
        }
        for (AppRun.Result r : results) {
            if (r.failure() != null) b.append(String.format("%nLeft out: %s", r.line()));
        }
        return b.toString();
    }

    String json() {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"benchmark\": \"streams\",\n");
        b.append("  \"mode\": \"").append(options.quick ? "quick" : "full").append(options.control ? "-control" : "").append("\",\n");
        b.append("  \"commit\": \"").append(options.commit).append("\",\n");
        b.append("  \"records\": ").append(options.records).append(",\n");
        b.append("  \"rounds\": ").append(options.rounds).append(",\n");
        b.append("  \"machine\": {");
        List<String> fields = new ArrayList<>();
        for (Map.Entry<String, String> e : Machine.describe().entrySet()) fields.add(q(e.getKey()) + ": " + q(e.getValue()));
        b.append(String.join(", ", fields)).append("},\n");
        b.append("  \"runs\": [\n");
        List<String> runs = new ArrayList<>();
        for (AppRun.Result r : results) {
            runs.add(String.format(Locale.ROOT, "    {\"case\": %s, \"impl\": %s, \"round\": %d, \"to_running_ms\": %d, "
                            + "\"to_processed_ms\": %d, \"to_output_ms\": %d, \"processed_per_s\": %.0f, \"output_per_s\": %.0f, "
                            + "\"load_before\": %s, \"load_after\": %s, \"failure\": %s}", q(r.benchCase()), q(r.impl()), r.round(), r.toRunningMs(),
                    r.toProcessedMs(), r.toOutputMs(), r.processedPerSecond(), r.processedPerSecondAfterRunning(), r.outputPerSecond(), q(r.loadBefore()),
                    q(r.loadAfter()), r.failure() == null ? "null" : q(r.failure())));
        }
        b.append(String.join(",\n", runs)).append("\n  ],\n");
        b.append("  \"summary_markdown\": ").append(q(markdown())).append("\n}\n");
        return b.toString();
    }

    private double[] values(String benchCase, String impl, Metric m) {
        return results.stream().filter(r -> r.benchCase().equals(benchCase) && r.impl().equals(impl) && r.failure() == null)
                .mapToDouble(m.value).toArray();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String spread(double[] v) {
        if (v.length == 0) return "-";
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", median(v), s[0], s[s.length - 1]);
    }

    private static String label(String impl) {
        return switch (impl) {
            case "kafka" -> "Kafka Streams";
            case "kafka-b" -> "Kafka Streams B";
            default -> "Millrace";
        };
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
