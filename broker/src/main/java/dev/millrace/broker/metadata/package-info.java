/**
 * Cluster metadata of a single node: the topics with their ids, partition counts and config overrides, the
 * cluster identity ({@code meta.properties}) and producer id allocation, each persisted atomically under
 * the metadata directory.
 */
package dev.millrace.broker.metadata;
