/**
 * The foreign-key table-table join's machinery, as Kafka Streams builds it: the left table's rows subscribe to the
 * right table's keys through a subscription topic (co-partitioned with the right table), the right side answers
 * through a response topic (co-partitioned with the left table), and a resolver drops answers to subscriptions the
 * left row has since replaced (compared by a hash of its value bytes) before joining.
 */
package dev.millrace.streams.kstream.internals.foreignkeyjoin;
