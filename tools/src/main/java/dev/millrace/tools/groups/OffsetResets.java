package dev.millrace.tools.groups;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The parts of {@code --reset-offsets} that need no broker: reading {@code --topic} and the time flags, and
 * keeping a requested offset inside the log, as kafka-consumer-groups does.
 */
public final class OffsetResets {

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ZONED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withResolverStyle(ResolverStyle.STRICT);

    private OffsetResets() {
    }

    /** A {@code --topic} value: a topic alone (all its partitions) or {@code topic:0,1,2}. */
    public record TopicArg(String topic, List<Integer> partitions) {

        /** True when the value named no partitions, so all of the topic's partitions are meant. */
        public boolean allPartitions() {
            return partitions.isEmpty();
        }

        public List<TopicPartition> topicPartitions() {
            return partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
        }
    }

    /** Reads {@code topic} or {@code topic:0,1,2}; throws IllegalArgumentException with Kafka's wording. */
    public static TopicArg parseTopic(String arg) {
        int colon = arg.indexOf(':');
        if (colon < 0) {
            if (arg.isEmpty()) {
                throw new IllegalArgumentException("Invalid topic arg '', expected a topic name");
            }
            return new TopicArg(arg, List.of());
        }
        String topic = arg.substring(0, colon);
        String partitions = arg.substring(colon + 1);
        if (topic.isEmpty() || partitions.isEmpty() || partitions.contains(":")) {
            throw new IllegalArgumentException("Invalid topic arg '" + arg + "', expected topic name and partitions");
        }
        List<Integer> numbers = new ArrayList<>();
        for (String p : partitions.split(",", -1)) {
            try {
                int n = Integer.parseInt(p.trim());
                if (n < 0) {
                    throw new NumberFormatException();
                }
                numbers.add(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid partition '" + p + "' specified in topic arg '" + arg + "'");
            }
        }
        return new TopicArg(topic, List.copyOf(numbers));
    }

    /**
     * Reads {@code --to-datetime}: {@code YYYY-MM-DDTHH:mm:SS.sss}, optionally followed by a zone offset
     * ({@code Z}, {@code +02:00}). Without one it is the machine's local time, as in Kafka's tool.
     * Returns epoch milliseconds.
     */
    public static long parseDateTime(String text, ZoneId localZone) {
        try {
            String time = text.contains("T") ? text.substring(text.indexOf('T')) : "";
            if (time.contains("Z") || time.contains("+") || time.contains("-")) {
                return OffsetDateTime.parse(text, ZONED).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(text, LOCAL).atZone(localZone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid --to-datetime '" + text
                    + "': expected YYYY-MM-DDTHH:mm:SS.sss, optionally with a zone such as Z or +02:00");
        }
    }

    /** Reads {@code --by-duration} ({@code PnDTnHnMnS}) and returns the epoch milliseconds that long before now. */
    public static long parseDurationAgo(String text, long nowMs) {
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid --by-duration '" + text + "': expected PnDTnHnMnS, e.g. PT1H30M");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Invalid --by-duration '" + text + "': it must not be negative");
        }
        return nowMs - duration.toMillis();
    }

    /**
     * Keeps {@code requested} within [{@code logStart}, {@code logEnd}], as Kafka's tool does for
     * {@code --to-offset} and {@code --shift-by}, telling {@code warn} when it had to move it.
     */
    public static long clamp(TopicPartition tp, long requested, long logStart, long logEnd, Consumer<String> warn) {
        if (requested > logEnd) {
            warn.accept("New offset (" + requested + ") is higher than latest offset for topic partition " + tp
                    + ". Value will be set to " + logEnd + ".");
            return logEnd;
        }
        if (requested < logStart) {
            warn.accept("New offset (" + requested + ") is lower than earliest offset for topic partition " + tp
                    + ". Value will be set to " + logStart + ".");
            return logStart;
        }
        return requested;
    }
}
