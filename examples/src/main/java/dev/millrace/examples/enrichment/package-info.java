/**
 * Order enrichment: a stream-table left join of orders with the latest customer record, written against Millrace's
 * DSL so that it ports to Kafka Streams by changing its import prefix (the module's tests run it on both).
 */
package dev.millrace.examples.enrichment;
