/**
 * End-to-end tests of the distribution: {@code bin/millrace start} as a separate process, crashed and
 * restarted, and driven by non-Java clients through the scripts in {@code e2e/kcat} and {@code e2e/kafkajs}.
 */
package dev.millrace.e2e;
