package dev.millrace.streams.kstream.internals.foreignkeyjoin;

/** The right side's answer to a subscription: the foreign row's value (or null) and the subscription's hash. */
public record SubscriptionResponseWrapper<VO>(byte[] originalValueHash, VO foreignValue, Integer primaryPartition) {
}
