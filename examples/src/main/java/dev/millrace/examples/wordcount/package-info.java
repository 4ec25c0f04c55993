/**
 * The word count of Kafka Streams' documentation, written against Millrace's DSL: a Kafka Streams application that
 * ports by changing its import prefix (the module's tests run it on both and compare).
 */
package dev.millrace.examples.wordcount;
