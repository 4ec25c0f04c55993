/**
 * Converters between connector data and record bytes, as Kafka Connect's {@code org.apache.kafka.connect.storage}:
 * the {@link dev.millrace.connect.storage.Converter} contract and the {@link
 * dev.millrace.connect.storage.StringConverter}.
 */
package dev.millrace.connect.storage;
