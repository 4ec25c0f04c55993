package dev.millrace.streams.kstream.internals.foreignkeyjoin;

/** A subscription's key in the right side's store: the foreign key it subscribes to, then the left row's key. */
public record CombinedKey<KO, K>(KO foreignKey, K primaryKey) {
}
