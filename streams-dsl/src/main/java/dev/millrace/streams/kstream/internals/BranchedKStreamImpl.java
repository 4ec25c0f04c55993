package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.Branched;
import dev.millrace.streams.kstream.BranchedKStream;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.Predicate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code split()}: one branching processor, and a pass-through child per branch, added as branches are declared. */
final class BranchedKStreamImpl<K, V> implements BranchedKStream<K, V> {
    private static final String BRANCH_NAME = "KSTREAM-BRANCH-";

    private final KStreamImpl<K, V> source;
    private final boolean repartitionRequired;
    private final String splitterName;
    private final Map<String, KStream<K, V>> outputBranches = new HashMap<>();
    private final List<Predicate<? super K, ? super V>> predicates = new ArrayList<>();
    private final List<String> childNames = new ArrayList<>();

    BranchedKStreamImpl(KStreamImpl<K, V> source, boolean repartitionRequired, NamedInternal named) {
        this.source = source;
        this.repartitionRequired = repartitionRequired;
        this.splitterName = named.orElseGenerateWithPrefix(source.builder, BRANCH_NAME);
        source.builder.addProcessor(splitterName, new KStreamBranch<>(predicates, childNames), source.name);
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate) {
        return branch(predicate, Branched.withFunction(s -> s));
    }

    @Override
    public BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched) {
        Objects.requireNonNull(predicate, "predicate cannot be null");
        predicates.add(predicate);
        createBranch(branched, predicates.size());
        return this;
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch() {
        return defaultBranch(Branched.withFunction(s -> s));
    }

    @Override
    public Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched) {
        createBranch(branched, 0);
        return outputBranches;
    }

    @Override
    public Map<String, KStream<K, V>> noDefaultBranch() {
        return outputBranches;
    }

    private void createBranch(Branched<K, V> branched, int index) {
        String childName = splitterName + (branched.name() == null ? String.valueOf(index) : branched.name());
        childNames.add(childName);
        source.builder.newProcessorName(childName); // Kafka Streams takes a number here too
        source.builder.addProcessor(childName, new PassThrough<>(), splitterName);
        KStreamImpl<K, V> branch = new KStreamImpl<>(childName, source.keySerde, source.valueSerde,
                source.subTopologySourceNodes, repartitionRequired, source.builder);
        if (branched.chainFunction() != null) {
            KStream<K, V> out = branched.chainFunction().apply(branch);
            if (out != null) outputBranches.put(childName, out);
        } else if (branched.chainConsumer() != null) {
            branched.chainConsumer().accept(branch);
        } else {
            outputBranches.put(childName, branch);
        }
    }
}
