/**
 * The Debezium side of the CDC benchmark, compiled and run on Debezium's own classpath (Kafka 4.3's clients) in a
 * JVM of its own, driven over standard input by {@code dev.millrace.bench.cdc.DebeziumCdc}.
 */
package dev.millrace.bench.cdc.debezium;
