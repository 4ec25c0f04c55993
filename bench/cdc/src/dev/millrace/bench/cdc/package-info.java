/**
 * The CDC benchmark (bench/cdc/run.sh): Millrace's PostgreSQL connector against Debezium's embedded engine on one
 * private PostgreSQL and one in-process Millrace broker, alternating over rounds; not part of Millrace's build.
 */
package dev.millrace.bench.cdc;
