package dev.millrace.streams.kstream;

import java.util.Map;

/**
 * Splits a stream: each record goes to the first branch whose predicate it passes, else to the default branch if
 * there is one, else nowhere. Branch streams are named {@code <split name><branch name or index>}.
 */
public interface BranchedKStream<K, V> {
    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate);

    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched);

    Map<String, KStream<K, V>> defaultBranch();

    Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched);

    Map<String, KStream<K, V>> noDefaultBranch();
}
