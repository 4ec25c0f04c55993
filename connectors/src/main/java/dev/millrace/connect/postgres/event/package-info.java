/**
 * Debezium's change-event envelope for PostgreSQL: per-table key, value and envelope schemas, the
 * {@code io.debezium.connector.postgresql.Source} block, and the construction of create, update, delete,
 * tombstone, truncate, read (snapshot) and heartbeat records.
 */
package dev.millrace.connect.postgres.event;
