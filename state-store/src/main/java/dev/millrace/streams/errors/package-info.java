/** Exceptions of the Streams API, mirroring {@code org.apache.kafka.streams.errors}. */
package dev.millrace.streams.errors;
