/**
 * The connector runtime: finds connector plugins, runs connectors and their tasks, converts and produces their
 * records, and keeps offsets, configs and statuses in compacted topics as a Kafka Connect worker does.
 */
package dev.millrace.connect.runtime;
