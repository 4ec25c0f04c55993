/**
 * The PostgreSQL change-data-capture connector: configuration with Debezium's keys, checks before anything is
 * created, publication and slot setup, the snapshot consistent with the slot, streaming through pgoutput, and
 * confirmation to PostgreSQL of acknowledged positions only. Decoding lives in {@code pgoutput}, value mapping in
 * {@code values}, the Debezium envelope in {@code event}.
 */
package dev.millrace.connect.postgres;
