package dev.millrace.streams.kstream;

import java.io.PrintStream;
import java.util.Objects;

/** Where and how {@link KStream#print} writes records: {@code [label]: key, value} lines on standard output. */
public class Printed<K, V> {
    protected final PrintStream out;
    protected String label;
    protected KeyValueMapper<? super K, ? super V, String> mapper = (k, v) -> k + ", " + v;
    protected String processorName;

    private Printed(PrintStream out) {
        this.out = out;
    }

    protected Printed(Printed<K, V> printed) {
        this.out = printed.out;
        this.label = printed.label;
        this.mapper = printed.mapper;
        this.processorName = printed.processorName;
    }

    public static <K, V> Printed<K, V> toSysOut() {
        return new Printed<>(System.out);
    }

    public Printed<K, V> withLabel(String label) {
        this.label = Objects.requireNonNull(label, "label can't be null");
        return this;
    }

    public Printed<K, V> withKeyValueMapper(KeyValueMapper<? super K, ? super V, String> mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper can't be null");
        return this;
    }

    public Printed<K, V> withName(String processorName) {
        this.processorName = processorName;
        return this;
    }

    public PrintStream out() {
        return out;
    }

    public String label() {
        return label;
    }

    public KeyValueMapper<? super K, ? super V, String> mapper() {
        return mapper;
    }

    public String name() {
        return processorName;
    }
}
