package dev.millrace.streams.kstream;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/** One branch of {@link BranchedKStream}: its name suffix, and what to do with the branch stream. */
public class Branched<K, V> {
    protected final String name;
    protected final Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction;
    protected final Consumer<? super KStream<K, V>> chainConsumer;

    protected Branched(String name, Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction,
                       Consumer<? super KStream<K, V>> chainConsumer) {
        this.name = name;
        this.chainFunction = chainFunction;
        this.chainConsumer = chainConsumer;
    }

    protected Branched(Branched<K, V> branched) {
        this(branched.name, branched.chainFunction, branched.chainConsumer);
    }

    public static <K, V> Branched<K, V> as(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        return new Branched<>(name, null, null);
    }

    public static <K, V> Branched<K, V> withFunction(Function<? super KStream<K, V>, ? extends KStream<K, V>> chain) {
        Objects.requireNonNull(chain, "chain function cannot be null");
        return new Branched<>(null, chain, null);
    }

    public static <K, V> Branched<K, V> withConsumer(Consumer<KStream<K, V>> chain) {
        Objects.requireNonNull(chain, "chain consumer cannot be null");
        return new Branched<>(null, null, chain);
    }

    public static <K, V> Branched<K, V> withFunction(Function<? super KStream<K, V>, ? extends KStream<K, V>> chain, String name) {
        Objects.requireNonNull(chain, "chain function cannot be null");
        return new Branched<>(name, chain, null);
    }

    public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain, String name) {
        Objects.requireNonNull(chain, "chain consumer cannot be null");
        return new Branched<>(name, null, chain);
    }

    public String name() {
        return name;
    }

    public Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction() {
        return chainFunction;
    }

    public Consumer<? super KStream<K, V>> chainConsumer() {
        return chainConsumer;
    }
}
